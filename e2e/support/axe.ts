import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the rules axe-core tags with these. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One line per failing element: the rule, the element, and axe's reason (e.g. the contrast it measured). */
function describe(violation: Violation): string[] {
  return violation.nodes.map((node) => {
    // Of the checks of which any one would pass, the first says enough; every failed `all`/`none` check counts.
    const reason = [...node.any.slice(0, 1), ...node.all, ...node.none]
      .map((check) => check.message)
      .join('; ');
    return `${violation.id} (${violation.impact ?? 'n/a'}) at ${node.target.join(' ')}: ${reason}`;
  });
}

/** Runs axe-core over the whole page (dialogs and toasts included) and returns its WCAG A/AA violations. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Fonts and transitions settle first: axe measures colours as they are painted.
  await page.evaluate(() => document.fonts.ready);
  // A dialog's overlay and a toast fade in: measured mid-transition, text and background are both half-grey.
  // (Endless animations, such as a loader's, are left out: they never finish.)
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity,
      ),
  );
  // Not inside frames: the only ones show an e-mail's HTML as its template renders it (the operator's
  // content, not the app's), in a sandbox without scripts that axe could not run in anyway. Legacy mode runs
  // axe in the page itself, rather than finishing each run in a new page.
  const results = await new AxeBuilder({ page })
    .options({ iframes: false })
    .withTags(WCAG_AA_TAGS)
    .setLegacyMode()
    .analyze();
  return results.violations.flatMap(describe);
}
