/** What a CSV import or export holds. Kept apart from the import model: the import page's form lists them. */
export const IMPORT_KINDS = ['snapshots', 'iarr'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = { snapshots: 'Weekly snapshots', iarr: 'iARR entries' };

/** Whether a value sent by a user names a kind (a list lookup: `constructor` is no kind). */
export function isImportKind(value: unknown): value is ImportKind {
  return (IMPORT_KINDS as readonly unknown[]).includes(value);
}
