/**
 * Links and images in a body that name a local file (`附件/通知.pdf`, `../02/01-huiyi.md`,
 * `<img src="photo.jpg">`) must name one that exists inside the content folder; web addresses
 * and links to site pages (`/archive/`) are not checked. Finding them reads the body alone, so
 * `loadContent` keeps that while a file is unchanged; whether they exist depends on other files,
 * so that is asked of the disk on every load.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { isInside } from '../content/read-file.ts';
import type { Problem } from '../content/yaml.ts';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

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
  visit(parser.parse(markdown) as Root);
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

/** A link or image of a body that names a local file, as `localReferences` finds it. */
export interface LocalReference {
  url: string;
  image: boolean;
  /** Where it was written, counted from the body's first line. */
  line: number;
  column: number;
  /** The file it names, relative to the file it is written in. */
  relative: string;
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

/**
 * Problems with `found`, the local references of a body that starts on line `bodyLine` of `file`
 * (an absolute path inside `contentDir`): whether each target exists is asked of the disk now.
 */
export async function referenceProblems(found: readonly LocalReference[], bodyLine: number, file: string, contentDir: string): Promise<Problem[]> {
  if (found.length === 0) return [];
  const problems: Problem[] = [];
  const root = await realpath(contentDir);
  for (const reference of found) {
    const what = reference.image ? '图片' : '链接的文件';
    const place = { line: bodyLine + reference.line - 1, column: reference.column, severity: 'error' as const };
    const target = path.resolve(path.dirname(file), reference.relative);
    const real = await realpath(target).catch(() => undefined);
    if (!isInside(root, real ?? target)) {
      problems.push({ ...place, message: `${what}“${reference.url}”在 content/ 之外：请把文件放进 content/，并按本文件所在目录写相对路径` });
    } else if (real === undefined) {
      problems.push({ ...place, message: `${what}“${reference.url}”不存在：请核对文件名和位置（相对于本文件所在目录），或删去这个链接` });
    }
  }
  return problems;
}
