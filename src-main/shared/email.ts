/**
 * A pragmatic address check: one @, no whitespace, no control or header
 * characters, a dotted domain. Anything accepted here is safe to put in a
 * mail header.
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value) && !value.startsWith('.') && !value.includes('..');
}
