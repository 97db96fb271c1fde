import { renderMarkdown } from './markdown';

// The loaders' way to Markdown: a `.server` module is left out of the browser's bundle, and with it the Markdown
// library, which a page that only shows Markdown does not need.
export { renderMarkdown };

/** A log entry as a page shows it: its Markdown body rendered as HTML (for MarkdownHtml). */
export function withBodyHtml<Entry extends { body: string }>({ body, ...entry }: Entry): Omit<Entry, 'body'> & { html: string } {
  return { ...entry, html: renderMarkdown(body) };
}
