/** `items` in consecutive slices of at most `size`: for multi-row statements and IN lists within the drivers' limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
