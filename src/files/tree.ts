/** The files under a folder, for the caches' hashes and the build's checks of its output. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir`, relative, with `/`, sorted. */
export function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
