import MarkdownIt from 'markdown-it';
import { MarkdownHtml } from './markdown-html';

// Raw HTML is escaped, not passed through (`html: false`), and markdown-it refuses javascript:, vbscript:,
// file: and data: links: what users write can format text, never run script.
const markdown = new MarkdownIt({ html: false, linkify: true });

// Every Markdown block sits under one of the page's h2s. The writer's own headings keep their relative depth
// but start at h3 and go down one level at a time (at most h6), so the page's outline stays whole.
const TOP_LEVEL = 3;
markdown.core.ruler.push('nest_headings', (state) => {
  const levels = state.tokens.filter((token) => token.type === 'heading_open').map((token) => Number(token.tag.slice(1)));
  const shallowest = Math.min(...levels);
  let previous = TOP_LEVEL - 1;
  let tag = '';
  for (const token of state.tokens) {
    if (token.type === 'heading_open') {
      previous = Math.min(6, previous + 1, TOP_LEVEL + Number(token.tag.slice(1)) - shallowest);
      tag = token.tag = `h${previous}`;
    } else if (token.type === 'heading_close') {
      token.tag = tag;
    }
  }
});

/** Markdown that a user wrote as safe HTML. */
export const renderMarkdown = (source: string): string => markdown.render(source);

/**
 * Markdown that a user wrote, rendered safely; the same on the server and in the browser, for text that changes as
 * it is typed (a preview). Text that the page only shows is rendered by its loader (MarkdownHtml): the page then
 * loads no Markdown library.
 */
export function Markdown({ source, className = 'markdown' }: { source: string; className?: string }) {
  return <MarkdownHtml html={renderMarkdown(source)} className={className} />;
}
