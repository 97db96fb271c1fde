/** Markdown rendered by `renderMarkdown` (in a loader, on the server), shown as it is. */
export function MarkdownHtml({ html, className = 'markdown' }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
