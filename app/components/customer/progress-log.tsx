import { getFormProps, useForm } from '@conform-to/react';
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { describeRouting, isResolvable, PROGRESS_KIND_LABELS, PROGRESS_KINDS, type ProgressKind } from '~/domain/progress';
import type { ProgressFormSchema } from '~/schemas/progress';
import { FieldError, FormErrors, InputField, SelectField, TextareaField } from '../field';
import { FilterSelect } from '../filter-select';
import { MarkdownHtml } from '../markdown-html';
import { ShowMoreLink } from '../show-more-link';
import { useIntentReply } from './intent-reply';

export type ProgressEntry = {
  id: number;
  kind: ProgressKind;
  occurred_on: string;
  /** What happened, its Markdown rendered by the loader. */
  html: string;
  routed_to: string | null;
  resolved_at: string | Date | null;
  resolution_note: string | null;
  version: number;
  author: string;
  resolver: string | null;
  theme: string | null;
  theme_team: string | null;
};

const KIND_OPTIONS = PROGRESS_KINDS.map((kind) => ({ value: kind, label: PROGRESS_KIND_LABELS[kind] }));
const STATE_OPTIONS = [
  { value: 'open', label: 'Open blockers and requests' },
  { value: 'resolved', label: 'Resolved' },
];
const ROUTING_OPTIONS = [
  { value: 'none', label: 'Kept by the team' },
  { value: 'support', label: 'Support' },
  { value: 'escalation', label: 'Escalation engineering' },
  { value: 'platform', label: 'A platform team (name it below)' },
];

/** Filters the log by kind and open/resolved, through the page's address so a filtered view can be shared. */
function ProgressFilters({ filter }: { filter: { kind?: string; state?: string } }) {
  return (
    <Form method="get" className="inline filters" preventScrollReset>
      <FilterSelect id="progress-kind" name="kind" label="Kind" value={filter.kind} anyLabel="All kinds" options={KIND_OPTIONS} />
      <FilterSelect id="progress-state" name="state" label="State" value={filter.state} anyLabel="Open and resolved" options={STATE_OPTIONS} />
      <button type="submit">Filter</button>
    </Form>
  );
}

/**
 * Resolves an open blocker or request with a note (the page's action takes intent `resolve-entry`). Its one field is
 * read straight from conform's reply rather than through `useForm`: /requests lists up to 500 of these forms, and
 * conform's field metadata was half of that page's rendering time. The ids are conform's, as for every other form.
 */
export function ResolveForm({ entry }: { entry: { id: number; version: number } }) {
  const intent = 'resolve-entry';
  const lastResult = useIntentReply(intent);
  const reply = lastResult?.initialValue?.entryId === String(entry.id) ? lastResult : undefined;
  const formId = `resolve-${entry.id}`;
  const note = { id: `${formId}-resolutionNote`, errorId: `${formId}-resolutionNote-error`, errors: reply?.error?.resolutionNote ?? undefined };
  const formErrors = reply?.error?.[''] ?? undefined;
  const initialNote = reply?.initialValue?.resolutionNote;
  return (
    <Form method="post" preventScrollReset className="inline" id={formId} aria-describedby={formErrors ? `${formId}-error` : undefined}>
      <FormErrors id={`${formId}-error`} errors={formErrors} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="entryId" value={entry.id} />
      <input type="hidden" name="version" value={entry.version} />
      <div>
        <label htmlFor={note.id}>How was it resolved?</label>
        <input type="text" id={note.id} name="resolutionNote" defaultValue={typeof initialNote === 'string' ? initialNote : undefined}
          aria-invalid={note.errors ? true : undefined} aria-describedby={note.errors ? note.errorId : undefined} />
        <FieldError meta={note} />
      </div>
      <button type="submit">Resolve</button>
    </Form>
  );
}

function EntryState({ entry }: { entry: ProgressEntry }) {
  if (entry.resolved_at) return <p className="notice">{`Resolved by ${entry.resolver}: ${entry.resolution_note}`}</p>;
  return isResolvable(entry.kind) ? <p className="status status-at_risk">Open</p> : null;
}

/** A customer's progress log: filters, the entries (Markdown), resolving what is open, and the form to log beside. */
export function ProgressLog({
  log: { entries, more },
  filter,
  mayLog,
  children,
}: {
  log: { entries: ProgressEntry[]; more: boolean };
  filter: { kind?: string; state?: string; shown: number };
  mayLog: boolean;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">Progress log</h2>
      <ProgressFilters filter={filter} />
      <div className="progress-layout">
        <div>
          {entries.length === 0 ? (
            <p className="notice">No entries{filter.kind || filter.state ? ' match these filters' : ' yet'}.</p>
          ) : (
            <ol className="progress-log">
              {entries.map((entry) => (
                <li key={entry.id} className={`progress-entry progress-${entry.kind}`}>
                  <p>
                    <strong>{PROGRESS_KIND_LABELS[entry.kind]}</strong>
                    {` · ${entry.occurred_on} · ${entry.author}`}
                    {entry.theme ? ` · theme: ${entry.theme} (${entry.theme_team})` : ''}
                    {entry.routed_to ? ` · routed to ${describeRouting(entry.routed_to)}` : ''}
                  </p>
                  <MarkdownHtml html={entry.html} />
                  <EntryState entry={entry} />
                  {mayLog && isResolvable(entry.kind) && !entry.resolved_at ? <ResolveForm entry={entry} /> : null}
                </li>
              ))}
            </ol>
          )}
          {more ? <ShowMoreLink filter={filter}>Show older entries</ShowMoreLink> : null}
        </div>
        {children}
      </div>
    </section>
  );
}

/** Logs an entry: kind, date, Markdown text; a theme for feedback, a destination for a request. */
export function ProgressForm({
  today,
  themes,
  submissionKey,
}: {
  today: string;
  themes: { name: string; owning_team: string }[];
  submissionKey: string;
}) {
  const [form, fields] = useForm<z.input<typeof ProgressFormSchema>>({
    id: 'log-progress',
    lastResult: useIntentReply('log-progress'),
    defaultValue: { occurredOn: today, routing: 'none' },
  });
  return (
    <Form method="post" preventScrollReset className="stack card" {...getFormProps(form)}>
      <h3>Log progress</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="log-progress" />
      <input type="hidden" name="submissionKey" value={submissionKey} />
      <SelectField label="Kind" meta={fields.kind} options={KIND_OPTIONS} placeholder="Choose…" />
      <InputField label="Date" meta={fields.occurredOn} type="date" max={today} />
      <TextareaField label="What happened (Markdown)" meta={fields.body} rows={4} />
      <fieldset>
        <legend>Feedback only</legend>
        <InputField label="Theme (pick one or type a new one)" meta={fields.themeName} list="theme-names" />
        <datalist id="theme-names">
          {themes.map((theme) => (
            <option key={theme.name} value={theme.name}>{`${theme.name} (${theme.owning_team})`}</option>
          ))}
        </datalist>
        <InputField label="Owning team, for a new theme" meta={fields.newThemeOwner} />
      </fieldset>
      <fieldset>
        <legend>Requests only</legend>
        <SelectField label="Routed to" meta={fields.routing} options={ROUTING_OPTIONS} />
        <InputField label="Platform team" meta={fields.platformTeam} />
      </fieldset>
      <button type="submit">Log it</button>
    </Form>
  );
}
