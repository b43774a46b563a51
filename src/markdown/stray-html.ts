/**
 * remark plugin: a raw HTML tag that does not close inside its own paragraph (`a<b>c`, a lone
 * `</i>`) is published as the text the clerk typed. Parsed, an open <b> would stay open into every
 * later paragraph of the item (HTML's parser reopens formatting elements after each block).
 * Tags that pair up within the paragraph pass to the sanitizer as before.
 */
import type { Html, Nodes, Paragraph, Root, Text } from 'mdast';

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*?)?(\/?)>/g;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements that style text: an HTML block made only of these is judged as inline HTML. */
const PHRASING = new Set(['a', 'abbr', 'b', 'big', 'cite', 'code', 'del', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'tt', 'u', 'var']);

/** Blocks whose inline HTML is judged together. */
const PHRASING_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

interface Tag {
  name: string;
  closing: boolean;
  node: Html;
}

function tagsOf(node: Html): Tag[] {
  return [...node.value.matchAll(TAG)]
    .filter((match) => match[3] !== '/' && !VOID.has(match[2]!.toLowerCase()))
    .map((match) => ({ name: match[2]!.toLowerCase(), closing: match[1] === '/', node }));
}

/** The nodes holding a tag that has no partner among `tags`, in the order written. */
function unpaired(tags: readonly Tag[]): Set<Html> {
  const stray = new Set<Html>();
  const open: Tag[] = [];
  for (const tag of tags) {
    if (!tag.closing) open.push(tag);
    else if (open.some((other) => other.name === tag.name)) {
      // Whatever opened after its partner was left open.
      for (let last = open.pop()!; last.name !== tag.name; last = open.pop()!) stray.add(last.node);
    } else stray.add(tag.node);
  }
  for (const tag of open) stray.add(tag.node);
  return stray;
}

const asText = (node: Html): Text => ({ type: 'text', value: node.value, position: node.position });

export default function remarkStrayHtml() {
  return (tree: Root): undefined => {
    visit(tree);
  };
}

function visit(node: Nodes): void {
  if (!('children' in node)) return;
  if (PHRASING_BLOCKS.has(node.type)) {
    textifyUnpaired(node);
    return;
  }
  node.children.forEach((child, i) => {
    if (child.type === 'html') {
      const tags = tagsOf(child);
      if (tags.length > 0 && tags.every((tag) => PHRASING.has(tag.name)) && unpaired(tags).size > 0) {
        (node.children as Nodes[])[i] = { type: 'paragraph', children: [asText(child)], position: child.position } satisfies Paragraph;
      }
    } else visit(child);
  });
}

/** Inline HTML of one block: every tag is paired within it, or shown as text. */
function textifyUnpaired(block: Nodes): void {
  const html: Html[] = [];
  const collect = (node: Nodes) => {
    if (node.type === 'html') html.push(node);
    else if ('children' in node) node.children.forEach(collect);
  };
  collect(block);
  if (html.length === 0) return;
  const stray = unpaired(html.flatMap(tagsOf));
  if (stray.size === 0) return;
  const replace = (node: Nodes) => {
    if (!('children' in node)) return;
    const children = node.children as Nodes[];
    children.forEach((child, i) => {
      if (child.type === 'html' && stray.has(child)) children[i] = asText(child);
      else replace(child);
    });
  };
  replace(block);
}
