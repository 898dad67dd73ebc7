/** Synthetic outlines for the scale benchmark: seeded, so every run builds the same site. */

const TOPICS = [
  'caching',
  'rendering',
  'routing',
  'feeds',
  'images',
  'narration',
  'search',
  'locks',
  'schedulers',
  'validation',
  'translation',
  'sitemaps',
];
const VERBS = ['Explain', 'Compare', 'Describe', 'List', 'Show', 'Contrast', 'Summarise', 'Outline'];
const NOUNS = [
  'the trade-offs',
  'a worked example',
  'the failure modes',
  'what to measure',
  'the defaults',
  'the edge cases',
  'how it scales',
  'the history',
];

/** mulberry32: a tiny seeded generator (the same seed gives the same outlines). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOutline {
  slug: string;
  text: string;
}

/** `count` outlines of 2–4 sections with 2–4 bullets each. */
export function syntheticOutlines(count: number, seed: number): SyntheticOutline[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const topic = pick(TOPICS);
    const slug = `page-${String(i).padStart(4, '0')}-${topic}`;
    const sections = Array.from({ length: 2 + Math.floor(next() * 3) }, (_, s) => {
      const bullets = Array.from(
        { length: 2 + Math.floor(next() * 3) },
        () => `- ${pick(VERBS)} ${pick(NOUNS)} of ${topic}`,
      );
      return `## ${pick(['Why', 'How', 'When', 'What'])} ${topic} ${s + 1}\n${bullets.join('\n')}`;
    });
    const text = `---\ntitle: Notes on ${topic} ${i}\ndescription: Synthetic page ${i} about ${topic}.\ntags: [${topic}, bench]\n---\n\nIntroduce ${topic} for page ${i}.\n\n${sections.join('\n\n')}\n`;
    return { slug, text };
  });
}

/** The same outline with its first bullet reworded: one edit among many. */
export function editOneBullet(text: string): string {
  return text.replace(/^- (.+)$/m, (_, bullet: string) => `- ${bullet}, edited`);
}
