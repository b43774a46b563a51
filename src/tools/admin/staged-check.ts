/**
 * What `npm run check` would say of the content with a form's save in it, before anything is
 * written: the content folder is mirrored by hard links (no bytes copied) into a scratch folder
 * under .cache/, the save is written there, and the one validation runs on it. A save the form
 * accepts therefore never fails `npm run check`.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic, IsoDate } from '../../content/index.ts';
import { listTree } from '../../files/index.ts';
import { validateContent } from '../../pipeline/index.ts';

async function mirror(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const files = listTree(from);
  for (const folder of new Set(files.map((file) => path.dirname(file)))) await mkdir(path.join(to, folder), { recursive: true });
  for (const file of files) await link(path.join(from, file), path.join(to, file)).catch(() => copyFile(path.join(from, file), path.join(to, file)));
}

/**
 * The errors (and warnings) of the files `changes` writes (path in the content folder → bytes),
 * with the rest of the content as it is; diagnostics name files relative to `root`, as
 * `npm run check` does.
 */
export async function checkChanges(contentDir: string, root: string, today: IsoDate, changes: ReadonlyMap<string, string | Uint8Array>): Promise<Diagnostic[]> {
  const scratch = path.join(root, '.cache', 'form', randomBytes(6).toString('hex'));
  const content = path.join(scratch, 'content');
  try {
    await mirror(contentDir, content);
    for (const [file, bytes] of changes) {
      const target = path.join(content, ...file.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      // Never through a hard link: that would write into the real file.
      await unlink(target).catch(() => undefined);
      await writeFile(target, bytes);
    }
    const { diagnostics } = await validateContent(content, { root: content, today });
    const shown = (file: string) => path.relative(root, path.join(contentDir, ...file.split('/'))).split(path.sep).join('/');
    return diagnostics.filter((diagnostic) => changes.has(diagnostic.file)).map((diagnostic) => ({ ...diagnostic, file: shown(diagnostic.file) }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
