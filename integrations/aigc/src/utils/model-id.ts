/**
 * A model id as a server reports it ends up in the lock, frontmatter, labels, feeds and image
 * metadata: keep it to the characters model ids use, so a hostile or broken server cannot
 * smuggle markup (or a whole paragraph) through it.
 */
export function modelId(model: string): string {
  return model.replace(/[^\w.:/@+-]/g, '').slice(0, 100) || 'unknown';
}
