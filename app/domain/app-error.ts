import type { GateReason } from './intake-gate';

/** One problem of a file import, by its line. */
export type ImportProblem = { line: number; message: string };

/** What an error carries beside its message, for the caller to show; the API sends it inside `error`. */
export type AppErrorDetails = { reasons?: GateReason[]; problems?: ImportProblem[]; stage?: string };

/** The one error type that models and domain code throw; routes turn it into a reply. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields?: Record<string, string>;
  readonly details?: AppErrorDetails;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string>;
    details?: AppErrorDetails;
  }) {
    super(options.message);
    this.name = 'AppError';
    this.status = options.status;
    this.code = options.code;
    this.fields = options.fields;
    this.details = options.details;
  }
}

/** A 422 naming each invalid field (by its path, e.g. `snapshots[1].dau`) with what to fix. */
export function invalidFields(fields: Record<string, string>, message = 'Some fields are invalid: see error.fields.'): AppError {
  return new AppError({ status: 422, code: 'invalid', message, fields });
}

/** Throws invalidFields when any field has an error. */
export function assertNoFieldErrors(fields: Record<string, string>, message?: string): void {
  if (Object.keys(fields).length > 0) throw invalidFields(fields, message);
}
