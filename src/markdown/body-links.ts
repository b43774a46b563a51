/**
 * A body's links and images, found with the renderer's own parser, each with what it points at
 * (a file beside it, a page of the site, a place in the body, another host), and the ids the body
 * defines. The content stage asks the disk whether linked files exist (src/content/link-targets.ts);
 * the site stage resolves page and Markdown-file links against the site (src/site/body-links.ts).
 */
import type { Nodes, Root } from 'mdast';
import type { BodyLink, BodyLinks, LinkTarget } from '../content/index.ts';
import { markdownParser } from './parse.ts';

/** Raw HTML elements that link (`a`), show (`img`) or load (the others) a URL, with their attributes. */
const LINKING_ELEMENTS = 'a|img|iframe|video|audio|source|embed|object|track|script|link';
const HTML_LINKING = new RegExp(`<(${LINKING_ELEMENTS})\\b((?:[^>"']|"[^"]*"|'[^']*')*)>`, 'gi');
const MAY_LINK = new RegExp(`\\]\\(|\\]:|\\s(?:id|name)\\s*=|<(?:${LINKING_ELEMENTS})\\b`, 'i');
const ATTRIBUTE = /\s([a-z][a-z0-9:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/gi;
/** Where each element names the URL it links to or loads. */
const URL_ATTRIBUTE: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  link: ['href'],
  object: ['data'],
  video: ['src', 'poster'],
  // The sanitizer keeps <source srcset> (GitHub's allow-list) without checking its URLs.
  source: ['src', 'srcset'],
};
const HTML_ID = /<[a-z][a-z0-9-]*\b[^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/** A URL part percent-decoded, or as it is when it is not valid percent-encoding. */
export function decodeOrSelf(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What `url` points at; a relative path is decoded (the parser percent-encodes Chinese file names). */
export function linkTarget(url: string): LinkTarget {
  if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || url.startsWith('\\')) return { kind: 'external' };
  const fragmentAt = url.indexOf('#');
  const fragment = fragmentAt < 0 ? '' : decodeOrSelf(url.slice(fragmentAt + 1));
  const bare = url.replace(/[?#].*$/, '');
  if (bare === '') return url.startsWith('#') ? { kind: 'fragment', id: fragment } : { kind: 'external' };
  return bare.startsWith('/') ? { kind: 'page', path: decodeOrSelf(bare), fragment } : { kind: 'file', path: decodeOrSelf(bare), fragment };
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) attributes.set(match[1]!.toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  return attributes;
}

type Add = (url: string, node: Nodes, how: Pick<BodyLink, 'kind' | 'alt' | 'element'>) => void;

/** An HTML element's links: an `<a>`'s, an `<img>`'s (with its alt), or the URLs another element loads. */
function addHtmlElement(element: string, attributes: ReadonlyMap<string, string>, node: Nodes, add: Add): void {
  if (element === 'img') {
    add(attributes.get('src') ?? '', node, { kind: 'image', alt: (attributes.get('alt') ?? '').trim() });
    return;
  }
  for (const name of URL_ATTRIBUTE[element] ?? ['src']) {
    const url = attributes.get(name);
    if (url !== undefined) add(url, node, element === 'a' ? { kind: 'link' } : { kind: 'embed', element });
  }
}

/** How a footnote's ids end (`fn-` and `fnref-` before it): the label lower-cased, as body-ids.ts writes it. */
const footnoteId = (label: string) => label.toLowerCase();

  // Most items link nowhere: without `](`, `]:`, an id, or an HTML tag that links or loads there is nothing to parse for.
export function findBodyLinks(body: string): BodyLinks {
  // Most items link nowhere: without `](`, `]:` or an HTML tag with a link or an id there is nothing to parse for.
  if (!MAY_LINK.test(body)) return { links: [], ids: [] };
  const links: BodyLink[] = [];
  const ids: string[] = [];
  const add = (url: string, node: Nodes, how: Pick<BodyLink, 'kind' | 'alt' | 'element'>) =>
    links.push({ url, ...how, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, target: linkTarget(url) });
  const visit = (node: Nodes) => {
    if (node.type === 'link' || node.type === 'definition') add(node.url, node, { kind: 'link' });
    else if (node.type === 'image') add(node.url, node, { kind: 'image', alt: (node.alt ?? '').trim() });
    else if (node.type === 'footnoteDefinition') ids.push(`fn-${footnoteId(node.identifier)}`);
    else if (node.type === 'footnoteReference') ids.push(`fnref-${footnoteId(node.identifier)}`);
    else if (node.type === 'html') {
      for (const [, name, attributeText] of node.value.matchAll(HTML_LINKING)) addHtmlElement(name!.toLowerCase(), attributesOf(attributeText!), node, add);
      for (const match of node.value.matchAll(HTML_ID)) ids.push(match[1] ?? match[2] ?? match[3] ?? '');
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(markdownParser.parse(body) as Root);
  return { links, ids };
}
