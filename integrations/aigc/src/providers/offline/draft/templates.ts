/**
 * Sentence templates of one section. A template is a string with `{name}` slots; the
 * picker hands each one out at most once, so no phrasing repeats within a section.
 */
export interface TemplatePicker {
  /**
   * The first unused template of `list`, starting at `start` and wrapping around, now
   * marked used; `undefined` when every one is taken.
   */
  pick(list: readonly string[], start: number): string | undefined;
}

export function createTemplatePicker(): TemplatePicker {
  const used = new Set<string>();
  return {
    pick(list, start) {
      for (let offset = 0; offset < list.length; offset++) {
        const template = list[(start + offset) % list.length]!;
        if (used.has(template)) continue;
        used.add(template);
        return template;
      }
      return undefined;
    },
  };
}

/** Fill `{name}` slots in one pass (filled text is never rescanned, `$` is literal). */
export function fill(template: string, words: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => words[name] ?? slot);
}

/** Which list a bullet's template comes from: its place among the section's bullets. */
export type Position = 'single' | 'first' | 'middle' | 'last';

export function positionOf(index: number, count: number): Position {
  if (count === 1) return 'single';
  if (index === 0) return 'first';
  // With two bullets, "finally" would overstate the second one.
  return index === count - 1 && count >= 3 ? 'last' : 'middle';
}
