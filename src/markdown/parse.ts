/**
 * The archive's Markdown dialect as a parser: CommonMark with GFM and CJK-friendly emphasis and
 * strikethrough, less two constructs clerks trigger by accident. The renderer and the link finder
 * both start from it, so they read a body alike.
 *
 * - A single tilde never strikes through: Chinese text writes ranges with it (1~2月, 5~8个);
 *   `~~…~~` still does.
 * - Indentation never makes a code block: a paragraph pasted from Word or Notepad is indented
 *   with spaces or a tab. Fenced code (```) still makes one.
 */
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/** micromark's own switch for a construct: `codeIndented` is the indented code block. */
function remarkNoIndentedCode(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } });
}

/** Frozen; call it (`markdownParser()`) for a copy to add plugins to. */
export const markdownParser = unified()
  .use(remarkParse)
  .use(remarkNoIndentedCode)
  .use(remarkGfm, { singleTilde: false })
  .use(remarkCjkFriendly)
  .use(remarkCjkFriendlyGfmStrikethrough, { singleTilde: false })
  .freeze();
