import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast, contrastVariables, over, readable, SURFACES, theme } from './theme';

const resolved = contrastVariables(mergeMantineTheme(DEFAULT_THEME, theme));
const WHITE = '#ffffff';
const COLORS = Object.keys(DEFAULT_THEME.colors).filter((name) => name !== 'dark');

describe('the theme', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    // The figures axe reported for Mantine's defaults.
    expect(contrast('#228be6', '#ffffff')).toBeCloseTo(3.56, 2);
    expect(contrast('#868e96', '#ffffff')).toBeCloseTo(3.32, 1);
    expect(over('#ffffff', '#000000', 0.5)).toBe('rgb(128, 128, 128)');
  });

  it('keeps a colour that already reads, and darkens or lightens one that does not, only as needed', () => {
    expect(readable('#495057', [WHITE], 'darker')).toBe('#495057');
    const darker = readable('#228be6', [WHITE], 'darker');
    expect(contrast(darker, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(darker, WHITE)).toBeLessThan(5.2);
    const lighter = readable('#828282', ['#242424'], 'lighter');
    expect(contrast(lighter, '#242424')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(lighter, '#242424')).toBeLessThan(5.2);
  });

  for (const scheme of ['light', 'dark'] as const) {
    const variables = resolved[scheme] as Record<string, string>;
    const tints = (color: string) => [
      over(SURFACES[scheme][scheme === 'light' ? 0 : 1], DEFAULT_THEME.colors[color][6], 0.1),
      variables[`--mantine-color-${color}-light`],
      variables[`--mantine-color-${color}-light-hover`],
    ];

    it.each(COLORS)(`${scheme} scheme: %s text reads on every surface and tint, white on filled`, (color) => {
      for (const background of [...SURFACES[scheme], ...tints(color)]) {
        for (const kind of ['text', 'light-color', 'outline']) {
          expect(contrast(variables[`--mantine-color-${color}-${kind}`], background)).toBeGreaterThanOrEqual(
            4.5,
          );
        }
      }
      expect(contrast(WHITE, variables[`--mantine-color-${color}-filled`])).toBeGreaterThanOrEqual(4.5);
      expect(contrast(WHITE, variables[`--mantine-color-${color}-filled-hover`])).toBeGreaterThanOrEqual(4.5);
    });

    it(`${scheme} scheme: dimmed text reads, the focus ring stands out`, () => {
      for (const surface of SURFACES[scheme]) {
        expect(contrast(variables['--mantine-color-dimmed'], surface)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(variables['--lowbal-focus-ring'], surface)).toBeGreaterThanOrEqual(3);
      }
    });
  }
});
