/**
 * What every slide says about how the video was made, in the page's language: the AI
 * disclosure, and honestly so when no language model wrote the page (an offline draft).
 * The slides themselves are always drawn from the page's own text, by no model.
 */
export function videoLabel(lang: string, offlineDraft: boolean): string {
  const zh = lang.toLowerCase().startsWith('zh');
  if (zh)
    return offlineDraft
      ? 'AI 生成视频 · 离线草稿（未经语言模型）· 合成语音 · 幻灯片取自页面'
      : 'AI 生成视频 · 合成语音 · 幻灯片取自页面';
  return offlineDraft
    ? 'AI-generated video · offline draft (no language model) · synthetic voice · slides from the page'
    : 'AI-generated video · synthetic voice · slides from the page';
}

/** The file's own tags (Matroska SimpleTags): a downloaded copy still says what it is. */
export function videoTags(page: { title: string; lang: string; offlineDraft: boolean }): Record<string, string> {
  const made = page.offlineDraft
    ? 'text drafted from the outline without a language model (offline draft)'
    : 'text written by a language model from an outline';
  return {
    title: page.title,
    language: page.lang,
    comment: `AI-generated video of "${page.title}": ${made}, read by a synthetic voice; slides drawn in process from the page's text, cover and figures.`,
    AI_GENERATED: `true; IPTC digital source type compositeSynthetic; ${page.offlineDraft ? 'offline draft' : 'model text'}`,
    encoded_by: 'astro-aigc',
  };
}
