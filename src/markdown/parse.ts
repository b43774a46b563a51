/**
 * The archive's Markdown dialect as a parser: CommonMark with GFM and CJK-friendly emphasis and
 * strikethrough. The renderer and the link finder both start from it, so they read a body alike.
 */
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** Frozen; call it (`markdownParser()`) for a copy to add plugins to. */
export const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkCjkFriendly).use(remarkCjkFriendlyGfmStrikethrough).freeze();
