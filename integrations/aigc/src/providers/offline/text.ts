import type { TextProvider } from '../types.ts';
// PLACEHOLDER (helper: outline + offline drafter) — replaced by the real drafter.
export function createOfflineText(): TextProvider {
  return { id: 'offline', model: 'offline-drafter-1', generate: async () => { throw new Error('offline drafter not built yet'); } };
}
