/**
 * A body's links and images, found with the renderer's own parser, each with what it points at
 * (a file beside it, a page of the site, a place in the body, another host), and the ids the body
 * defines. The content stage asks the disk whether linked files exist (src/content/link-targets.ts);
 * the site stage resolves page and Markdown-file links against the site (src/site/body-links.ts).
 */
import type { Nodes, Root } from 'mdast';
import type { BodyLink, BodyLinks, LinkTarget } from '../content/index.ts';
import { markdownParser } from './parse.ts';

const HTML_ATTRIBUTE = /<(img|a)\b[^>]*?\s(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
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

/** How a footnote's ids end (`fn-` and `fnref-` before it): the label lower-cased, as body-ids.ts writes it. */
const footnoteId = (label: string) => label.toLowerCase();

/** The links and ids of `body`. Reads no file: it depends on `body` alone. */
export function findBodyLinks(body: string): BodyLinks {
  // Most items link nowhere: without `](`, `]:` or an HTML tag with a link or an id there is nothing to parse for.
  if (!/\]\(|\]:|<(?:a|img)\b|\s(?:id|name)\s*=/i.test(body)) return { links: [], ids: [] };
  const links: BodyLink[] = [];
  const ids: string[] = [];
  const add = (url: string, image: boolean, node: Nodes) =>
    links.push({ url, image, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, target: linkTarget(url) });
  const visit = (node: Nodes) => {
    if (node.type === 'link' || node.type === 'definition') add(node.url, false, node);
    else if (node.type === 'image') add(node.url, true, node);
    else if (node.type === 'footnoteDefinition') ids.push(`fn-${footnoteId(node.identifier)}`);
    else if (node.type === 'footnoteReference') ids.push(`fnref-${footnoteId(node.identifier)}`);
    else if (node.type === 'html') {
      for (const match of node.value.matchAll(HTML_ATTRIBUTE)) add(match[2] ?? match[3] ?? match[4] ?? '', match[1]!.toLowerCase() === 'img', node);
      for (const match of node.value.matchAll(HTML_ID)) ids.push(match[1] ?? match[2] ?? match[3] ?? '');
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(markdownParser.parse(body) as Root);
  return { links, ids };
}
