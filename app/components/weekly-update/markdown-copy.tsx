import { useState } from 'react';

/** The update as Markdown in a read-only box, with a button that copies it for the company channel. */
export function MarkdownCopy({ markdown }: { markdown: string }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = () =>
    navigator.clipboard.writeText(markdown).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <section className="card" aria-labelledby="markdown-title">
      <h2 id="markdown-title">Copy as Markdown</h2>
      <label htmlFor="update-markdown">The update, ready to paste into the company channel</label>
      <textarea id="update-markdown" readOnly value={markdown} rows={Math.min(30, markdown.split('\n').length + 1)} />
      <p className="actions">
        <button type="button" onClick={copy}>
          Copy the Markdown
        </button>{' '}
        <span role="status">{copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'The browser refused: select the text and copy it.' : ''}</span>
      </p>
    </section>
  );
}
