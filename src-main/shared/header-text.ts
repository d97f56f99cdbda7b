// C0 and C1 controls and the Unicode line separators: none may reach a mail header.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_RUNS = new RegExp(`${CONTROL_CHARACTER.source}+`, 'g');

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/**
 * A header value as one line: control characters (CR and LF above all)
 * become spaces, runs of whitespace collapse, and the result is trimmed and
 * capped. Whatever a client's name holds, it cannot start a new header.
 */
export function singleLine(text: string, maxLength = 250): string {
  const line = text.replace(CONTROL_RUNS, ' ').replace(/\s+/g, ' ').trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1).trimEnd()}…` : line;
}
