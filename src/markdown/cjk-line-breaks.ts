// Own plugin rather than remark-join-cjk-lines: that package is untyped CommonJS on unist-util-visit@2, only looks
// inside one text node (misses "**加强**\n管理"), and its non-`u` regex skips Han beyond the BMP and “”‘’…—.

import { isCjk } from '../content/index.ts';

/** The few mdast fields this plugin reads. */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** Blocks holding phrasing content; a soft break can only occur inside one of these. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell']);

/** Stands in for leaves with no text of their own (image, footnote reference…): no text to judge by, so breaks there stay. */
const OPAQUE = '\uFFFC';

/**
 * remark plugin: drops a soft line break (the "\n" the parser leaves in text nodes; whitespace around it is already
 * stripped) when the character on either side is CJK, since browsers would render it as a space the clerk never
 * typed: a hard wrap inside “LED显示屏” or “100台” must not publish “LED 显示屏” or “100 台”. Between two non-CJK
 * characters (two Latin words, two numbers) the break stays and renders as the space it stands for. Hard breaks are
 * `break` nodes, not "\n" in text, so they are untouched.
 */
export default function remarkCjkLineBreaks() {
  return (tree: MdNode): undefined => {
    visit(tree);
  };
}

function visit(node: MdNode): void {
  if (PHRASING_PARENTS.has(node.type)) joinLines(node);
  else node.children?.forEach(visit);
}

function joinLines(block: MdNode): void {
  // Flatten the block's leaves in document order so neighbours are found across emphasis, links and code spans.
  const leaves: MdNode[] = [];
  const collect = (node: MdNode): void => {
    if (node.children) node.children.forEach(collect);
    else leaves.push(node);
  };
  collect(block);
  const texts = leaves.map((leaf) =>
    leaf.type === 'text' || leaf.type === 'inlineCode' || leaf.type === 'html' ? (leaf.value ?? '') : OPAQUE,
  );

  leaves.forEach((leaf, i) => {
    const value = texts[i];
    if (leaf.type !== 'text' || value === undefined || !value.includes('\n')) return;
    leaf.value = value.replace(/\n/g, (newline, offset: number) => {
      const before = offset > 0 ? charBefore(value, offset) : neighbourChar(texts, i - 1, -1);
      const after = offset + 1 < value.length ? charAt(value, offset + 1) : neighbourChar(texts, i + 1, 1);
      return joins(before, after) ? '' : newline;
    });
  });
}

function joins(before: string, after: string): boolean {
  if (before === '' || after === '' || before === OPAQUE || after === OPAQUE) return false;
  return isCjk(before) || isCjk(after);
}

/** Nearest character in the neighbouring leaves (stepping by `step`), skipping empty ones. */
function neighbourChar(texts: string[], from: number, step: 1 | -1): string {
  for (let i = from; i >= 0 && i < texts.length; i += step) {
    const text = texts[i];
    if (text) return step < 0 ? charBefore(text, text.length) : charAt(text, 0);
  }
  return '';
}

/** The code point ending just before `end` (a surrogate pair counts as one character). */
function charBefore(text: string, end: number): string {
  const unit = text.charCodeAt(end - 1);
  return text.slice(unit >= 0xdc00 && unit <= 0xdfff && end >= 2 ? end - 2 : end - 1, end);
}

function charAt(text: string, start: number): string {
  const point = text.codePointAt(start);
  return point === undefined ? '' : String.fromCodePoint(point);
}
