/** The part of markdown-it 14 (Eleventy's own Markdown library, which ships no types) bench:markdown uses. */
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean });
    render(source: string): string;
  }
}
