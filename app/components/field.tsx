import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react';
import type { InputHTMLAttributes } from 'react';

type Meta = FieldMetadata<unknown>;

/** A field's errors, which its input points at through aria-describedby. */
export function FieldError({ meta }: { meta: Pick<Meta, 'errorId' | 'errors'> }) {
  if (!meta.errors?.length) return null;
  return (
    <p id={meta.errorId} className="field-error">
      {meta.errors.join(' ')}
    </p>
  );
}

/** The errors of the whole form, announced when they appear. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="form-error" role="alert">
      {errors.join(' ')}
    </p>
  );
}

/** A labelled input with its error beside it; the user's value is kept after a failed submit. */
export function InputField({
  label,
  meta,
  type = 'text',
  ...rest
}: { label: string; meta: Meta; type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'url' } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'name' | 'id' | 'defaultValue'
>) {
  return (
    <div>
      <label htmlFor={meta.id}>{label}</label>
      <input {...getInputProps(meta, { type })} key={meta.key} {...rest} />
      <FieldError meta={meta} />
    </div>
  );
}

/** A labelled select with its error beside it. */
export function SelectField({
  label,
  meta,
  options,
  placeholder,
}: {
  label: string;
  meta: Meta;
  options: readonly { value: string; label: string }[];
  /** A first, empty choice, for answers that must be given on purpose. */
  placeholder?: string;
}) {
  return (
    <div>
      <label htmlFor={meta.id}>{label}</label>
      {/* The choices are never the user's own details: no autofill (a field named "email" would invite it). */}
      <select {...getSelectProps(meta)} key={meta.key} autoComplete="off">
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError meta={meta} />
    </div>
  );
}

/** A labelled text area with its error beside it. */
export function TextareaField({ label, meta, rows = 3 }: { label: string; meta: Meta; rows?: number }) {
  return (
    <div>
      <label htmlFor={meta.id}>{label}</label>
      <textarea {...getTextareaProps(meta)} key={meta.key} rows={rows} />
      <FieldError meta={meta} />
    </div>
  );
}

/** A bulk write's error for the one row a form sent: the API's `snapshots[0].weekStart` is the form's `weekStart`. */
export function singleRowError(error: { message: string; fields?: Record<string, string> }) {
  const fields = error.fields && Object.fromEntries(Object.entries(error.fields).map(([path, message]) => [path.replace(/^\w+\[0\]\./, ''), message]));
  return { message: error.message, fields };
}

/**
 * The reply a form shows for an AppError: each field's message beside the field of that name that the form sent
 * (after `rename`, for the model's names a form calls otherwise), and every other message above the form, so that
 * no error is ever dropped for want of a slot.
 */
export function appErrorReply(
  error: { message: string; fields?: Record<string, string> },
  sentFields: Record<string, unknown> | null | undefined,
  rename: Readonly<Record<string, string>> = {},
) {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = error.fields ? [] : [error.message];
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    const name = rename[path] ?? path;
    if (sentFields && Object.hasOwn(sentFields, name)) (fieldErrors[name] ??= []).push(message);
    else formErrors.push(message);
  }
  return { formErrors, fieldErrors };
}
