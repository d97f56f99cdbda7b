import { describe, expect, it } from 'vitest';
import { pagesForRange } from './use-paged-rows';

describe('pagesForRange', () => {
  it('lists every page holding a row of the range, inclusive', () => {
    expect(pagesForRange(0, 0, 100)).toEqual([0]);
    expect(pagesForRange(0, 99, 100)).toEqual([0]);
    expect(pagesForRange(95, 130, 100)).toEqual([0, 1]);
    expect(pagesForRange(250, 420, 100)).toEqual([2, 3, 4]);
  });
});
