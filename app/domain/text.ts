// PostgreSQL's text holds valid UTF-8 without NUL: a NUL byte, or half of a UTF-16 surrogate pair (which has no
// UTF-8 form), is refused by the database itself. DOMAIN.md: text fields refuse both, naming the field.
// eslint-disable-next-line no-control-regex -- NUL is what it looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether the string holds a character that text columns cannot store: NUL or an unpaired surrogate. */
export function hasUnstorableCharacter(value: string): boolean {
  return UNSTORABLE.test(value);
}

export const UNSTORABLE_TEXT_MESSAGE = 'Remove the NUL or broken Unicode character (an unpaired surrogate): it cannot be stored.';

/** The paths (as lists of keys) of every string, object key included, in a parsed value that cannot be stored. */
export function unstorableTextPaths(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (typeof value === 'string') return hasUnstorableCharacter(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableTextPaths(item, [...path, index]));
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    hasUnstorableCharacter(key) ? [[...path, key]] : unstorableTextPaths(item, [...path, key]),
  );
}
