/**
 * The links and images of a body that name a local file (`附件/通知.pdf`, `../02/01-huiyi.md`,
 * `<img src="photo.jpg">`), found with the renderer's own parser; web addresses and links to site
 * pages (`/archive/`) are not local. The content stage asks the disk whether they exist
 * (src/content/link-targets.ts) and keeps what is found here while a file is unchanged.
 */
import type { Nodes, Root } from 'mdast';
import type { LocalReference } from '../content/index.ts';
import { markdownParser } from './parse.ts';

interface Reference {
  url: string;
  image: boolean;
  line: number;
  column: number;
}

const HTML_ATTRIBUTE = /<(img|a)\b[^>]*?\s(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

function references(markdown: string): Reference[] {
  const found: Reference[] = [];
  const visit = (node: Nodes) => {
    const at = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    if (node.type === 'link' || node.type === 'definition') found.push({ url: node.url, image: false, ...at });
    else if (node.type === 'image') found.push({ url: node.url, image: true, ...at });
    else if (node.type === 'html') {
      for (const match of node.value.matchAll(HTML_ATTRIBUTE)) {
        found.push({ url: match[2] ?? match[3] ?? match[4] ?? '', image: match[1]!.toLowerCase() === 'img', ...at });
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(markdownParser.parse(markdown) as Root);
  return found;
}

/** A path relative to the file, without query or fragment; undefined for anything else. */
function localPath(url: string): string | undefined {
  if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || /^[/#?\\]/.test(url)) return undefined;
  const bare = url.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

/** The links and images of `body` that name a local file. Reads no file: it depends on `body` alone. */
export function localReferences(body: string): LocalReference[] {
  // Most items link nowhere: without `](`, `]:` or an <a>/<img> tag there is nothing to parse for.
  if (!/\]\(|\]:|<(?:a|img)\b/i.test(body)) return [];
  return references(body).flatMap((reference) => {
    const relative = localPath(reference.url);
    return relative === undefined ? [] : [{ ...reference, relative }];
  });
}
