import {
  Alert,
  DEFAULT_THEME,
  Drawer,
  InputClearButton,
  Modal,
  Notification,
  createTheme,
  darken,
  lighten,
  luminance,
  toRgba,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

/**
 * Lowbal's Mantine theme: Mantine's look, with every colour that carries text made to meet WCAG AA
 * (4.5:1) in both colour schemes. Mantine's default shades do not (white on blue 6 is 3.55:1, dimmed
 * gray 6 on white 3.32:1, green 9 on white 4.4:1), so the colours that text is drawn in or on are
 * worked out here from Mantine's palettes, darkened (light scheme) or lightened (dark scheme) only as far
 * as the contrast needs, against every surface they appear on. Components keep using Mantine's CSS
 * variables (`c="red"`, `color="green"`, `c="dimmed"`, variants), so nothing is fixed per component.
 */

/** WCAG 2 AA for normal text; a hair above, as browsers round colours. */
export const TEXT_CONTRAST = 4.6;
/** WCAG 2.1 AA for focus rings and other non-text indicators (1.4.11). */
export const NON_TEXT_CONTRAST = 3;

const PRIMARY_COLOR = 'blue';
const WHITE = DEFAULT_THEME.white;
const { gray, dark } = DEFAULT_THEME.colors;

/** What text sits on in each scheme: the page, papers and inputs, hovered and striped rows. */
export const SURFACES = {
  light: [WHITE, gray[0], gray[1]],
  dark: [dark[8], dark[7], dark[6], dark[5]],
} as const;

/** Mantine's tints behind `light` variants (badges, alerts, active nav links), at rest and hovered. */
const TINTS = { light: [0.1, 0.12], dark: [0.15, 0.2] } as const;

type Scheme = keyof typeof SURFACES;

/** The WCAG contrast ratio of two opaque colours. */
export function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

/** `color` at `opacity` over the opaque `surface`, as the browser paints it. */
export function over(surface: string, color: string, opacity: number): string {
  const top = toRgba(color);
  const bottom = toRgba(surface);
  const mix = (a: number, b: number) => Math.round(a * opacity + b * (1 - opacity));
  return `rgb(${mix(top.r, bottom.r)}, ${mix(top.g, bottom.g)}, ${mix(top.b, bottom.b)})`;
}

/**
 * `color`, darkened or lightened in small steps until it has at least `ratio` against every one of
 * `backgrounds` (`color` itself when it already has).
 */
export function readable(
  color: string,
  backgrounds: readonly string[],
  direction: 'darker' | 'lighter',
  ratio = TEXT_CONTRAST,
): string {
  for (let amount = 0; amount <= 1; amount += 0.02) {
    const candidate = direction === 'darker' ? darken(color, amount) : lighten(color, amount);
    if (backgrounds.every((background) => contrast(candidate, background) >= ratio)) {
      return amount === 0 ? color : candidate;
    }
  }
  return direction === 'darker' ? '#000000' : WHITE;
}

/** The CSS variables of one palette colour in one scheme, as Mantine names them. */
function colorVariables(name: string, shades: MantineColorsTuple, scheme: Scheme): Record<string, string> {
  const page = SURFACES[scheme][scheme === 'light' ? 0 : 1];
  const tints = TINTS[scheme].map((opacity) => over(page, shades[6], opacity));
  const direction = scheme === 'light' ? 'darker' : 'lighter';
  const text = readable(
    scheme === 'light' ? shades[6] : shades[4],
    [...SURFACES[scheme], ...tints],
    direction,
  );
  const filled = readable(scheme === 'light' ? shades[6] : shades[8], [WHITE], 'darker');
  return {
    [`--mantine-color-${name}-text`]: text,
    [`--mantine-color-${name}-light-color`]: text,
    [`--mantine-color-${name}-outline`]: text,
    [`--mantine-color-${name}-filled`]: filled,
    [`--mantine-color-${name}-filled-hover`]: darken(filled, 0.1),
    [`--mantine-color-${name}-light`]: tints[0],
    [`--mantine-color-${name}-light-hover`]: tints[1],
  };
}

/** The scheme-wide colours: secondary text, links, errors and the focus ring. */
function schemeVariables(scheme: Scheme, primary: MantineColorsTuple): Record<string, string> {
  const surfaces = SURFACES[scheme];
  const direction = scheme === 'light' ? 'darker' : 'lighter';
  const dimmed = readable(scheme === 'light' ? gray[6] : dark[2], surfaces, direction);
  const focus = readable(
    scheme === 'light' ? primary[6] : primary[4],
    surfaces,
    direction,
    NON_TEXT_CONTRAST,
  );
  return {
    '--mantine-color-dimmed': dimmed,
    '--mantine-color-placeholder': dimmed,
    '--mantine-color-anchor': `var(--mantine-color-${PRIMARY_COLOR}-text)`,
    '--mantine-color-error': 'var(--mantine-color-red-text)',
    '--lowbal-focus-ring': focus,
  };
}

export const contrastVariables: CSSVariablesResolver = (theme) => {
  const result = { variables: {}, light: {}, dark: {} } as ReturnType<CSSVariablesResolver>;
  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, shades] of Object.entries(theme.colors)) {
      // `dark` is the dark scheme's own grey scale (surfaces and text), not a colour things are drawn in.
      if (name !== 'dark') Object.assign(result[scheme], colorVariables(name, shades, scheme));
    }
    Object.assign(result[scheme], schemeVariables(scheme, theme.colors[theme.primaryColor]));
  }
  return result;
};

export const theme = createTheme({
  primaryColor: PRIMARY_COLOR,
  // White text on every filled colour: the filled shades above are dark enough for it.
  autoContrast: false,
  // The focus ring in the colour worked out above (see theme.css); shown for keyboard focus.
  focusClassName: 'lowbal-focus',
  respectReducedMotion: true,
  // Icon-only close buttons get a name (Mantine leaves them unnamed); the dialog's title says what closes.
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close panel' } } }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
    }),
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: 'Dismiss' } }),
    // The × of every clearable input (selects, date pickers).
    InputClearButton: InputClearButton.extend({ defaultProps: { 'aria-label': 'Clear' } }),
  },
});
