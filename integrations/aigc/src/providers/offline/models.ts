/** Model names the offline providers report; bump one when its output changes. */
export const OFFLINE_MODELS = {
  text: 'offline-drafter-3',
  image: 'offline-svg-1',
  speech: 'espeak-ng',
} as const;
