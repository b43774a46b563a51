/**
 * remark plugin: the site indents every paragraph by two characters itself, so a clerk's own
 * indent gives way. Leading spaces of a paragraph or heading, ASCII, no-break or full-width
 * (`　　`, the Chinese paragraph indent), are dropped; and since text pasted from Word or Notepad
 * marks each paragraph by that indent rather than by a blank line, a line inside a paragraph that
 * starts with a full-width space begins a new paragraph. No other character is touched.
 */
import type { Heading, Nodes, Paragraph, PhrasingContent, Root } from 'mdast';

/** A line break followed by an indent with at least one full-width space. */
const INDENTED_LINE = /\n[^\S\n]*\u3000\s*/u;
const LEADING_SPACE = /^\s+/u;

export default function remarkParagraphIndent() {
  return (tree: Root): undefined => {
    reindent(tree);
  };
}

function reindent(node: Nodes): void {
  if (!('children' in node)) return;
  if (node.type === 'paragraph' || node.type === 'heading') return;
  const children: Nodes[] = [];
  for (const child of node.children) {
    if (child.type === 'paragraph') children.push(...splitAtIndents(child));
    else {
      if (child.type === 'heading') dropLeadingSpace(child);
      reindent(child);
      children.push(child);
    }
  }
  (node as { children: Nodes[] }).children = children;
}

/** The paragraph cut at each line that starts with a full-width indent, each part without its leading space. */
function splitAtIndents(paragraph: Paragraph): Paragraph[] {
  const parts: PhrasingContent[][] = [[]];
  for (const child of paragraph.children) {
    if (child.type !== 'text' || !INDENTED_LINE.test(child.value)) {
      parts.at(-1)!.push(child);
      continue;
    }
    child.value.split(INDENTED_LINE).forEach((value, i) => {
      if (i > 0) parts.push([]);
      if (value !== '') parts.at(-1)!.push(i === 0 ? { ...child, value } : { type: 'text', value });
    });
  }
  return parts
    .map((children, i): Paragraph => (i === 0 ? { ...paragraph, children } : { type: 'paragraph', children }))
    .filter((part) => {
      dropLeadingSpace(part);
      return part.children.length > 0;
    });
}

function dropLeadingSpace(block: Paragraph | Heading): void {
  const first = block.children[0];
  if (first?.type !== 'text') return;
  first.value = first.value.replace(LEADING_SPACE, '');
  if (first.value === '') block.children.shift();
}
