/** The word with its first letter in upper case: `reseller` → `Reseller`. */
export function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
