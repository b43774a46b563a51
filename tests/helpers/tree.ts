/**
 * Small content trees on disk, for tests that start from `loadContent`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** File path (relative, with `/`) → file text. */
export type Tree = Record<string, string>;

/** Writes every file of `tree` under `dir`, creating folders as needed. */
export async function writeTree(dir: string, tree: Tree): Promise<void> {
  for (const [relative, text] of Object.entries(tree)) {
    const file = path.join(dir, ...relative.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, 'utf8');
  }
}

/** A fresh empty folder under the system temp folder. */
export async function makeTempDir(prefix = 'bulletin-test-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
