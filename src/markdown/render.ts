import type { Root } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeRaw from 'rehype-raw';
import rehypeShiftHeading from 'rehype-shift-heading';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import rehypeBodyIds from './body-ids.ts';
import remarkCjkLineBreaks from './cjk-line-breaks.ts';
import rehypeLocalFiles, { type FileView } from './local-files.ts';
import rehypePageLinks from './page-links.ts';
import remarkParagraphIndent from './paragraph-indent.ts';
import { markdownParser } from './parse.ts';
import remarkStrayHtml from './stray-html.ts';

export interface RenderedMarkdown {
  html: string;
  text: string;
}

/**
 * A body as the site structure gets it: its HTML and text, and the key of its job (cache.ts
 * `jobKey`), which the fingerprints of its pages hash in their place. Equal keys mean equal HTML
 * and text within one version of the code, which every fingerprint's salt covers.
 */
export interface RenderedBody extends RenderedMarkdown {
  key: string;
}

/** What a body's HTML depends on besides its source. */
export interface RenderOptions {
  /** Put after `user-content-` in every id the body defines, so that bodies sharing a page never share an id. */
  idPrefix?: string;
  /** Links to Markdown files of the content (path as written, decoded) → the URL of the page each became. */
  pageLinks?: Readonly<Record<string, string>>;
  /** Images and linked files beside the body (path as written, decoded) → what the site publishes for each. */
  files?: Readonly<Record<string, FileView>>;
}

/** A body to render, with what its HTML depends on. */
export interface RenderJob extends RenderOptions {
  source: string;
}

/**
 * GitHub's allow-list, plus: raw-text elements are dropped with their content. By default only <script> is; the
 * others would be unwrapped and their CSS or markup source shown as escaped body text.
 */
const schema: SanitizeSchema = {
  ...defaultSchema,
  strip: [
    ...(defaultSchema.strip ?? []),
    'style',
    'iframe',
    'noscript',
    'noembed',
    'noframes',
    'xmp',
    'textarea',
    'title',
  ],
};

// Built and frozen once; every call reuses it. No plugin keeps state across files, so output depends on input alone.
const processor = markdownParser()
  .use(remarkParagraphIndent)
  .use(remarkStrayHtml)
  .use(remarkCjkLineBreaks)
  // clobberPrefix '': the sanitizer already prefixes every id with `user-content-`; with remark-rehype's default
  // footnote ids would get it twice.
  .use(remarkRehype, {
    allowDangerousHtml: true,
    clobberPrefix: '',
    footnoteLabel: '注释',
    footnoteBackLabel: (index) => `返回正文第${index + 1}处引用`,
  })
  .use(rehypeRaw)
  .use(rehypeSanitize, schema)
  .use(rehypeBodyIds)
  .use(rehypePageLinks)
  .use(rehypeLocalFiles)
  // A body sits under the item's <h1> title on its own page and under an <h2> on the issue page: its headings
  // start at <h3> so the outline holds on both (the item page adds a hidden <h2> 正文).
  .use(rehypeShiftHeading, { shift: 2 })
  .use(rehypeStringify)
  .freeze();

/** Same input, same bytes: the result depends on the Markdown source and the options alone. */
export function renderMarkdown(source: string, options: RenderOptions = {}): RenderedMarkdown {
  // parse/run/stringify by hand (what processSync does) so the sanitized tree is also at hand for the plain text.
  const tree: Root = processor.runSync(processor.parse(source), { data: { ...options } });
  return {
    html: processor.stringify(tree),
    text: toText(tree).replace(/\s+/g, ' ').trim(),
  };
}
