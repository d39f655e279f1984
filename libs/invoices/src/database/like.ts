/** A LIKE pattern matching `text` anywhere, case-insensitively; use with `ESCAPE '!'` (portable across the three databases). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
