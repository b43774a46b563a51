/**
 * The staging folder beside the output: every step writes into it, and it reaches the output only
 * when all have passed. A failed or killed build leaves the last good output exactly as it was.
 * A build without a last output to keep swaps the whole folder in (swapIn); one that keeps most of
 * it commits what it staged in place (commitInPlace), so that it costs what changed.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { listTree, removeTree, replaceFile } from '../files/index.ts';

/** Staging folders are siblings of the output, so the final swap is a rename on one file system. */
const stagingPrefix = (outDir: string) => `${path.basename(outDir)}.staging-`;
/** Where the swap parks the previous output between its two renames. */
const oldPrefix = (outDir: string) => `${path.basename(outDir)}.old-`;

/** The journal of an in-place commit under way: what it removes; what it moves is what its staging folder still holds. */
const journalPrefix = (outDir: string) => `${path.basename(outDir)}.commit-`;

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
 * A build killed during an in-place commit had passed every step: its commit is finished.
 */
export async function recoverFromKilledBuilds(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const names = await readdir(parent).catch(() => []);
  for (const name of names) {
    if (!name.startsWith(journalPrefix(outDir))) continue;
    const pid = name.slice(journalPrefix(outDir).length).replace(/\.json$/, '');
    if (isRunning(Number(pid))) continue;
    const journal = path.join(parent, name);
    const { remove } = JSON.parse(readFileSync(journal, 'utf8')) as { remove: string[] };
    applyCommit(path.join(parent, `${stagingPrefix(outDir)}${pid}`), outDir, remove);
    await rm(journal, { force: true });
  }
  // The staging folder of a commit finished above goes with the other killed builds' folders.
  for (const name of names) {
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

const parentOf = (entry: string) => (entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/')) : '');

/** `entry` and every folder above it, up to the output itself (''). */
function withAncestors(entry: string, into: Set<string>): void {
  for (let folder = parentOf(entry); !into.has(folder); folder = parentOf(folder)) {
    into.add(folder);
    if (folder === '') break;
  }
}

/**
 * Removes `remove` (files and folders of the output, relative) and the folders that leaves empty,
 * then moves every file the staging folder holds into its place: a rename each, which replaces a
 * file in one step. Safe to run again after it was cut short. Returns the folders whose entries
 * it may have changed, and those above them.
 */
function applyCommit(staging: string, outDir: string, remove: readonly string[]): Set<string> {
  const touched = new Set<string>();
  for (const entry of remove) {
    rmSync(path.join(outDir, entry), { recursive: true, force: true });
    withAncestors(entry, touched);
  }
  for (const entry of remove) {
    for (let folder = parentOf(entry); folder !== ''; folder = parentOf(folder)) {
      try {
        rmdirSync(path.join(outDir, folder));
      } catch {
        break; // Not empty (or gone): neither are the folders above it.
      }
    }
  }
  const files = existsSync(staging) ? listTree(staging) : [];
  for (const folder of new Set(files.map(parentOf))) mkdirSync(path.join(outDir, folder), { recursive: true });
  for (const file of files) {
    renameSync(path.join(staging, file), path.join(outDir, file));
    withAncestors(file, touched);
  }
  return touched;
}

/**
 * Puts what the staging folder holds into the output in place and removes `remove` from it. A
 * journal written first names what is removed, so that a build killed halfway is finished by the
 * next (recoverFromKilledBuilds); once it is written the staging folder belongs to the commit and
 * is not removed on failure. Returns the output's folders the commit may have changed.
 */
export async function commitInPlace(staging: string, outDir: string, remove: readonly string[]): Promise<Set<string>> {
  const journal = path.join(path.dirname(outDir), `${journalPrefix(outDir)}${process.pid}.json`);
  await replaceFile(journal, JSON.stringify({ remove }));
  const touched = applyCommit(staging, outDir, remove);
  await removeTree(staging);
  await rm(journal, { force: true });
  return touched;
}
