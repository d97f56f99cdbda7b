import { parsePhoneNumberWithError } from 'libphonenumber-js';

/**
 * A phone number as Lowbal stores it (E.164, e.g. `+447700900123`), or the
 * problem with it in words. Checked against each country's number lengths
 * (`isPossible`), not its allocated ranges (`isValid` refuses Ofcom's drama
 * range, the SPEC's own example): a range checked
 * today may be allocated tomorrow, and a wrong refusal stops a real SMS.
 */
export function toE164(input: string): { ok: true; value: string } | { ok: false; message: string } {
  const text = input.trim();
  try {
    const number = parsePhoneNumberWithError(text);
    if (number.isPossible()) return { ok: true, value: number.number };
  } catch {
    // Reported below, in the operator's words rather than the library's.
  }
  return {
    ok: false,
    message: `${text || '(empty)'} is not a valid phone number: write it in international form, e.g. +447700900123`,
  };
}
