/** Escapes LIKE/ILIKE wildcards so a search for "50%" matches the text "50%", not everything. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
