/**
 * Reuse of the last good output. After a successful build, a record in the cache folder says
 * what that output holds: each large paginated page's fingerprint (src/site/fingerprint.ts), the
 * search index's key and files, and the state of every file and folder. The next build into the
 * same folder checks that state (checkOutput), renders only the pages whose fingerprint changed,
 * and leaves the others in place: its staging folder receives what changed, and the commit
 * (staging.ts) moves it into the output and removes what the site no longer has.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readCached, removeCached, writeCached } from '../cache/index.ts';
import { walkTree } from '../files/index.ts';
import type { SegmentState } from '../search/index.ts';
import { fileOfPage } from './page-files.ts';

/** The record's layout: a record of another is not read. */
export const RECORD_VERSION = 4;

/** Relative path (with `/`) → size and modification time. */
export type States = Map<string, string>;

export interface OutputRecord {
  version: typeof RECORD_VERSION;
  /** The output folder the record describes (absolute). */
  outDir: string;
  /** Page URL → its fingerprint, for the pages a next build may reuse. */
  pages: Map<string, string>;
  /** The search index's key (what it was built from), its files under `search/` and its segments. */
  search: { key: string; files: string[]; segments: SegmentState[] } | undefined;
  /** Fingerprint of the whole site (src/site/fingerprint.ts): equal, the output is what a build would write. */
  site: string;
  /** Every file of the output with its size and modification time, to tell that nobody changed it. */
  files: States;
  /**
   * Every folder of the output ('' for the output itself) with its state: a folder gets a new
   * modification time when an entry is added to it, removed or renamed, so a file added by hand
   * shows without listing the whole output.
   */
  folders: States;
  /** Pages the build wrote or reused (`BuildResult.pages`), said again when the next build finds nothing to do. */
  pageCount: number;
}

/** The last good output as this build found it. */
export interface PreviousOutput {
  record: OutputRecord;
  /** Files of the record changed or gone since. */
  changed: ReadonlySet<string>;
  /** Folders of the record whose state changed or that are gone. */
  changedFolders: ReadonlySet<string>;
  /** What the record does not know (added by hand), files or whole folders, found in the folders whose state changed. */
  strays: readonly string[];
}

const recordName = (outDir: string) => `output-${createHash('sha256').update(outDir).digest('hex').slice(0, 16)}.bin`;

/** The record of `outDir`'s last build, if there is one and it can be read. */
export function readRecord(cacheDir: string | undefined, outDir: string): OutputRecord | undefined {
  const record = readCached(cacheDir, recordName(outDir)) as OutputRecord | undefined;
  return record?.version === RECORD_VERSION && record.outDir === outDir ? record : undefined;
}

/**
 * Removes the record before the output changes: a record that outlived its output could make a
 * later build reuse a page written by a build in between.
 */
export function forgetRecord(cacheDir: string | undefined, outDir: string): Promise<void> {
  return removeCached(cacheDir, recordName(outDir));
}

export function writeRecord(cacheDir: string, record: OutputRecord): Promise<void> {
  return writeCached(cacheDir, recordName(record.outDir), record);
}

/** A file's or folder's size and modification time, as the record keeps them; undefined when it is gone. */
function stateOf(entry: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(entry);
    return `${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
}

const inside = (dir: string, entry: string) => (entry === '' ? dir : path.join(dir, entry));

/** Checks every file and folder of the record against the output: one stat each, and a listing of the folders that changed. */
export function checkOutput(record: OutputRecord): PreviousOutput {
  const changed = new Set<string>();
  for (const [file, state] of record.files) if (stateOf(inside(record.outDir, file)) !== state) changed.add(file);
  const changedFolders = new Set<string>();
  const strays: string[] = [];
  for (const [folder, state] of record.folders) {
    if (stateOf(inside(record.outDir, folder)) === state) continue;
    changedFolders.add(folder);
    let names: string[];
    try {
      names = readdirSync(inside(record.outDir, folder));
    } catch (error) {
      // Gone: its files are gone too. A file in its place is not the build's.
      if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') strays.push(folder);
      continue;
    }
    for (const name of names) {
      const entry = folder === '' ? name : `${folder}/${name}`;
      if (!record.files.has(entry) && !record.folders.has(entry)) strays.push(entry);
    }
  }
  return { record, changed, changedFolders, strays };
}

/** Whether `file` of the last output is still as the build left it. */
export const untouched = (previous: PreviousOutput, file: string): boolean => previous.record.files.has(file) && !previous.changed.has(file);

/** Page URL → fingerprint of the record's pages whose file is still in the output, untouched. */
export function reusablePages(previous: PreviousOutput | undefined): Map<string, string> {
  const reusable = new Map<string, string>();
  for (const [url, fingerprint] of previous?.record.pages ?? []) {
    if (untouched(previous!, fileOfPage(url))) reusable.set(url, fingerprint);
  }
  return reusable;
}

/**
 * Whether the output is exactly what a build of `site` would write: the record says it was
 * built from a site with this fingerprint, and no file of it was added, removed or changed since.
 */
export const upToDate = (previous: PreviousOutput, site: string): boolean =>
  previous.record.site === site && previous.changed.size === 0 && previous.strays.length === 0;

/**
 * Gives `staging` the files of `from` under other names, by hard link (a copy where linking is
 * refused), and returns those linked: each is the very file of `from`, its size and modification
 * time unchanged. `files` maps a file's name in `staging` to its name in `from`.
 * Synchronous: thousands of asynchronous calls in a row cost a thread-pool round trip each.
 */
export function linkFiles(from: string, staging: string, files: ReadonlyMap<string, string>): string[] {
  for (const file of files.keys()) mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
  const linked: string[] = [];
  for (const [file, source] of files) {
    try {
      linkSync(path.join(from, source), path.join(staging, file));
      linked.push(file);
    } catch {
      copyFileSync(path.join(from, source), path.join(staging, file));
    }
  }
  return linked;
}

/**
 * The state of every file and folder under `dir`. `known` gives it for files hard-linked from the
 * last output after this build found them untouched: the state the last record had. A linked file
 * is the old output's file itself, so a hand edit made to it while the build ran lands in the new
 * output too; stat-ed now, its edited state would be recorded as the build's own and the page
 * reused as written. Recorded as checked, it shows as changed next time.
 */
export function treeStates(dir: string, known: ReadonlyMap<string, string> = new Map()): { files: States; folders: States } {
  const files: States = new Map();
  const folders: States = new Map([['', stateOf(dir)!]]);
  for (const { path: entry, entry: dirent } of walkTree(dir)) {
    if (dirent.isDirectory()) folders.set(entry, stateOf(path.join(dir, entry))!);
    else if (dirent.isFile()) files.set(entry, known.get(entry) ?? stateOf(path.join(dir, entry))!);
  }
  return { files, folders };
}

/**
 * The record's files and folders after an in-place commit: the files kept in place with the
 * state they were checked in, the staged ones with theirs (taken in the staging folder: a rename
 * keeps it). A folder the commit changed, or whose state had changed before it, is stat-ed again
 * (and dropped when it is gone); the others keep their recorded state.
 */
export function statesAfterCommit(
  previous: PreviousOutput,
  kept: ReadonlySet<string>,
  staged: States,
  touched: ReadonlySet<string>,
): { files: States; folders: States } {
  const { record } = previous;
  const files: States = new Map();
  for (const file of kept) files.set(file, record.files.get(file)!);
  for (const [file, state] of staged) files.set(file, state);
  const folders: States = new Map();
  for (const folder of new Set([...record.folders.keys(), ...touched])) {
    const again = touched.has(folder) || previous.changedFolders.has(folder) || !record.folders.has(folder);
    const state = again ? stateOf(inside(record.outDir, folder)) : record.folders.get(folder);
    if (state !== undefined) folders.set(folder, state);
  }
  return { files, folders };
}
