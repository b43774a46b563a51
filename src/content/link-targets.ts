/**
 * Links and images in a body that name a local file must name one that exists inside the content
 * folder. Finding them reads the body alone (the Markdown stage does it); whether they exist
 * depends on other files, so that is asked of the disk on every load.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { BodyLink } from './model.ts';
import { isInside } from './read-file.ts';
import type { Problem } from './yaml.ts';

/** The content file a link to `linked` (as written, decoded) in the body of `from` names; both relative to the content folder. */
export function linkedFile(from: string, linked: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), linked));
}

/**
 * Problems with the links to files among `links`, of a body that starts on line `bodyLine` of
 * `file` (an absolute path inside `contentDir`): whether each target exists is asked of the disk now.
 */
export async function linkTargetProblems(links: readonly BodyLink[], bodyLine: number, file: string, contentDir: string): Promise<Problem[]> {
  const found = links.flatMap((link) => (link.target.kind === 'file' ? [{ ...link, path: link.target.path }] : []));
  if (found.length === 0) return [];
  const problems: Problem[] = [];
  const root = await realpath(contentDir);
  for (const reference of found) {
    const what = reference.image ? '图片' : '链接的文件';
    const place = { line: bodyLine + reference.line - 1, column: reference.column, severity: 'error' as const };
    const target = path.resolve(path.dirname(file), reference.path);
    const real = await realpath(target).catch(() => undefined);
    if (!isInside(root, real ?? target)) {
      problems.push({ ...place, message: `${what}“${reference.url}”在 content/ 之外：请把文件放进 content/，并按本文件所在目录写相对路径` });
    } else if (real === undefined) {
      problems.push({ ...place, message: `${what}“${reference.url}”不存在：请核对文件名和位置（相对于本文件所在目录），或删去这个链接` });
    }
  }
  return problems;
}
