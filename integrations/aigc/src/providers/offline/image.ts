import type { ImageProvider } from '../types.ts';
// PLACEHOLDER (helper: illustrations) — replaced by the real SVG drawer.
export function createOfflineImage(): ImageProvider {
  return { id: 'offline', model: 'offline-svg-1', generate: async () => { throw new Error('offline images not built yet'); } };
}
