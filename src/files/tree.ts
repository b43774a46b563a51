/** The one walk over a folder, for the content loader, the caches' hashes and the build's checks of its output. */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';

export interface TreeEntry {
  /** Relative to the walked folder, with `/`. */
  path: string;
  entry: Dirent;
}

/**
 * Every entry under `dir`, depth first, each folder's entries in name order. A folder that `skip`
 * refuses is neither listed nor entered. Synchronous: hundreds of small folders one after another
 * cost a thread-pool round trip each when asynchronous.
 */
export function walkTree(dir: string, skip: (entry: TreeEntry) => boolean = () => false, prefix = ''): TreeEntry[] {
  const entries = readdirSync(path.join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: TreeEntry[] = [];
  for (const entry of entries) {
    const walked = { path: prefix ? `${prefix}/${entry.name}` : entry.name, entry };
    if (skip(walked)) continue;
    found.push(walked);
    if (entry.isDirectory()) found.push(...walkTree(dir, skip, walked.path));
  }
  return found;
}

/** Every file under `dir`, relative, with `/`, sorted. */
export function listTree(dir: string): string[] {
  return walkTree(dir)
    .filter(({ entry }) => entry.isFile())
    .map(({ path }) => path)
    .sort();
}
