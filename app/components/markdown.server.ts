// The loaders' way to Markdown: a `.server` module is left out of the browser's bundle, and with it the Markdown
// library, which a page that only shows Markdown does not need.
export { renderMarkdown } from './markdown';
