import { resolve } from 'node:path';

/**
 * The renderer's names for code under `src-main/` (also in tsconfig.json's `paths`):
 * `@shared/…` is isomorphic code it may import; `@core/…` is for types only (lint enforces).
 */
export const PATH_ALIASES = {
  '@shared': resolve(__dirname, 'src-main/shared'),
  '@core': resolve(__dirname, 'src-main/core'),
  '@test-support': resolve(__dirname, 'src-main/test-support'),
};
