import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import remarkCjkLineBreaks from './cjk-line-breaks.ts';

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
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkCjkFriendly)
  .use(remarkCjkFriendlyGfmStrikethrough)
  .use(remarkCjkLineBreaks)
  // clobberPrefix '': the sanitizer already prefixes every id with `user-content-`; with remark-rehype's default
  // footnote ids would get it twice.
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
  .use(rehypeRaw)
  .use(rehypeSanitize, schema)
  .use(rehypeStringify)
  .freeze();

/** Same input, same bytes: the result depends on the Markdown source alone. */
export function renderMarkdown(source: string): RenderedMarkdown {
  // parse/run/stringify by hand (what processSync does) so the sanitized tree is also at hand for the plain text.
  const tree = processor.runSync(processor.parse(source));
  return {
    html: processor.stringify(tree),
    text: plainText(tree).replace(/\s+/g, ' ').trim(),
  };
}

/** The few hast fields read here; local so we need not import @types/hast (not a direct dependency). */
interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  children?: HastNode[];
}

/** Elements (of those the schema allows) that break a line when rendered: their text must not run into a neighbour's. */
const SEPARATED = new Set(
  'blockquote br dd details div dl dt h1 h2 h3 h4 h5 h6 hr li ol p pre section summary table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);

function plainText(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  const inner = node.children?.map(plainText).join('') ?? '';
  return node.type === 'element' && SEPARATED.has(node.tagName ?? '') ? ` ${inner} ` : inner;
}
