/**
 * The staging folder beside the output: every step writes into it, and it replaces the output
 * only when all have passed. A failed or killed build leaves the last good output exactly as it was.
 */
import { existsSync } from 'node:fs';
import { readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { removeTree } from '../files/index.ts';

/** Staging folders are siblings of the output, so the final swap is a rename on one file system. */
const stagingPrefix = (outDir: string) => `${path.basename(outDir)}.staging-`;
/** Where the swap parks the previous output between its two renames. */
const oldPrefix = (outDir: string) => `${path.basename(outDir)}.old-`;

/** This process's staging folder for `outDir`. */
export const stagingFolder = (outDir: string): string => path.join(path.dirname(outDir), `${stagingPrefix(outDir)}${process.pid}`);

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Clears what killed builds left; a build still running keeps its folders. A build killed between
 * the two renames of the swap left no output, only the previous one parked aside: it goes back.
 */
export async function recoverFromKilledBuilds(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  for (const name of await readdir(parent).catch(() => [])) {
    for (const prefix of [stagingPrefix(outDir), oldPrefix(outDir)]) {
      if (!name.startsWith(prefix) || isRunning(Number(name.slice(prefix.length)))) continue;
      const dir = path.join(parent, name);
      if (prefix === oldPrefix(outDir) && !existsSync(outDir)) await rename(dir, outDir);
      else await removeTree(dir);
    }
  }
}

/**
 * Puts `staging` in `outDir`'s place by two renames. Resolves once it is there; the previous
 * output, parked aside, is still being removed (`removed`), so that the caller can save its
 * caches meanwhile.
 */
export async function swapIn(staging: string, outDir: string): Promise<{ removed: Promise<void> }> {
  const old = path.join(path.dirname(outDir), `${oldPrefix(outDir)}${process.pid}`);
  await removeTree(old);
  await rename(outDir, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(staging, outDir);
  return { removed: removeTree(old) };
}
