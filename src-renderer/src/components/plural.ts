/** A count with its noun, in the plural unless it is 1: `3 clients`, `1 e-mail`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
