/**
 * JSON columns: text on SQLite (jsonb on PostgreSQL later). Every read and write of a JSON column goes
 * through these two functions so that the dialect difference stays here.
 */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJsonColumn<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  return JSON.parse(text) as T;
}
