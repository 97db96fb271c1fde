import MarkdownIt from 'markdown-it';

// Raw HTML is escaped, not passed through (`html: false`), and markdown-it refuses javascript:, vbscript:,
// file: and data: links: what users write can format text, never run script.
const markdown = new MarkdownIt({ html: false, linkify: true });

/** Markdown that a user wrote, rendered safely; the same on the server and in the browser. */
export function Markdown({ source, className = 'markdown' }: { source: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: markdown.render(source) }} />;
}
