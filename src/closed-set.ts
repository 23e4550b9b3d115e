// Helpers for closed sets kept as one `as const` table: a type guard and the "a, b or c" list that messages show.

/** Whether `value` is one of `table`'s values; use it to write a set's type guard. */
export function isOneOf<T extends string>(table: readonly T[], value: unknown): value is T {
  return (table as readonly unknown[]).includes(value);
}

/** The values as English prose: "a", "a or b", "a, b or c". */
export function listChoices(table: readonly string[]): string {
  return table.length <= 1 ? (table[0] ?? "") : `${table.slice(0, -1).join(", ")} or ${table[table.length - 1]}`;
}
