import { defineConfig } from 'vitest/config';
import { PATH_ALIASES } from './path-aliases';

export default defineConfig({
  resolve: { alias: PATH_ALIASES },
  test: {
    include: [
      'src-main/**/*.test.ts',
      'src-preload/**/*.test.ts',
      'src-renderer/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: '.test-reports/vitest.json' }]],
  },
});
