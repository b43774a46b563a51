import type { Root } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeRaw from 'rehype-raw';
import rehypeShiftHeading from 'rehype-shift-heading';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import remarkCjkLineBreaks from './cjk-line-breaks.ts';
import { markdownParser } from './parse.ts';

export interface RenderedMarkdown {
  html: string;
  text: string;
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
  // A body sits under the item's <h1> title on its own page and under an <h2> on the issue page: its headings
  // start at <h3> so the outline holds on both (the item page adds a hidden <h2> 正文).
  .use(rehypeShiftHeading, { shift: 2 })
  .use(rehypeStringify)
  .freeze();

/** Same input, same bytes: the result depends on the Markdown source alone. */
export function renderMarkdown(source: string): RenderedMarkdown {
  // parse/run/stringify by hand (what processSync does) so the sanitized tree is also at hand for the plain text.
  const tree: Root = processor.runSync(processor.parse(source));
  return {
    html: processor.stringify(tree),
    text: toText(tree).replace(/\s+/g, ' ').trim(),
  };
}
