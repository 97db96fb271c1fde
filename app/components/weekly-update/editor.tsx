import { getFormProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react';
import { Form, useActionData } from '@remix-run/react';
import { useState } from 'react';
import type { z } from 'zod';
import type { WeeklyUpdateSections } from '~/domain/weekly-update';
import type { WeeklyUpdateFormSchema } from '~/schemas/weekly-updates';
import { FieldError, FormErrors } from '../field';
import { useResettingReply } from '../form-reply';
import { Markdown } from '../markdown';

/** One section under its heading: Markdown typed on the left, shown as it will read on the right. */
function SectionEditor({ label, meta }: { label: string; meta: FieldMetadata<string> }) {
  const props = getTextareaProps(meta);
  const [text, setText] = useState(String(props.defaultValue ?? ''));
  return (
    <section aria-labelledby={`${meta.id}-title`}>
      <h2 id={`${meta.id}-title`}>{label}</h2>
      <div className="section-editor">
        <div>
          <label htmlFor={meta.id}>
            <span className="visually-hidden">{`${label}: `}</span>Markdown
          </label>
          <textarea {...props} key={meta.key} rows={12} onChange={(event) => setText(event.target.value)} />
          <FieldError meta={meta} />
        </div>
        <div className="markdown-preview" aria-label={`${label}: preview`} role="region">
          {text.trim() ? <Markdown source={text} /> : <p className="notice">Nothing yet.</p>}
        </div>
      </div>
    </section>
  );
}

/**
 * The EM's editor of a week's update: three Markdown sections with a preview; saves a draft, submits, or,
 * once submitted, saves an amendment. The version it started from travels with it, so a save made meanwhile
 * by someone else is refused rather than overwritten, and the text typed here is kept.
 */
export function WeeklyUpdateEditor({ sections, version, submitted }: { sections: WeeklyUpdateSections; version: number | null; submitted: boolean }) {
  const [form, fields] = useForm<z.input<typeof WeeklyUpdateFormSchema>>({
    id: 'weekly-update',
    lastResult: useResettingReply(useActionData<SubmissionResult<string[]>>()),
    defaultValue: sections,
  });
  return (
    <Form method="post" className="weekly-update-editor" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {version === null ? null : <input type="hidden" name="version" value={version} />}
      <SectionEditor label="Progress" meta={fields.progress} />
      <SectionEditor label="Blockers" meta={fields.blockers} />
      <SectionEditor label="Upcoming work" meta={fields.upcoming} />
      <div className="actions">
        {submitted ? (
          <button type="submit" name="intent" value="save">
            Save the amendment
          </button>
        ) : (
          <>
            <button type="submit" name="intent" value="save" className="button-quiet">
              Save draft
            </button>
            <button type="submit" name="intent" value="submit">
              Submit the update
            </button>
          </>
        )}
      </div>
    </Form>
  );
}
