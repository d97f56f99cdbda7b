// C0 and C1 controls and the Unicode line separators: none may reach a header.
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * A header value as one line: control characters (CR and LF above all)
 * become spaces, runs of whitespace collapse, and the result is trimmed and
 * capped. Whatever a client's name holds, it cannot start a new header.
 */
export function singleLine(text: string, maxLength = 250): string {
  const line = text.replace(CONTROL_RUNS, ' ').replace(/\s+/g, ' ').trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1).trimEnd()}…` : line;
}
