import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'native/**/*.test.ts',
      'renderer/**/*.test.ts',
      'electron/**/*.test.ts',
      'tests/fixtures/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/golden/**/*.test.ts',
      'tests/bench/**/*.test.ts',
    ],
    // Integration tests decode real images and spawn the CLI: generous limits on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
