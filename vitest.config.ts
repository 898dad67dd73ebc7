import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Fixture-site builds and WebAssembly engines are slow on a 2-core machine; these are
    // limits against hangs, not speed assertions (speed lives in scripts/benchmark.ts).
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
