/**
 * Reuse of the last good output. After a successful build, a record in the cache folder says
 * what that output holds: each large paginated page's fingerprint (src/site/fingerprint.ts), and
 * the search index's key and files. The next build into the same folder
 * renders only the pages whose fingerprint changed and hard-links the others' files from the
 * output into its staging folder. That is safe because no build writes into an existing file:
 * every build writes new files into a new staging folder, so a linked file is never changed.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readCached, removeCached, writeCached } from '../cache/index.ts';
import { listTree } from '../files/index.ts';
import type { SegmentState } from '../search/index.ts';
import { fileOfPage } from './page-files.ts';

/** The record's layout: a record of another is not read. */
export const RECORD_VERSION = 3;

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
  files: Map<string, string>;
  /** Pages the build wrote or reused (`BuildResult.pages`), said again when the next build finds nothing to do. */
  pageCount: number;
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

/** A file's size and modification time, as the record keeps them; undefined when it is gone. */
function stateOf(file: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Whether `file` of the record's output is still as the build left it. */
export function untouched(record: OutputRecord, file: string): boolean {
  const state = stateOf(path.join(record.outDir, file));
  return state !== undefined && record.files.get(file) === state;
}

/** Page URL → fingerprint of the record's pages whose file is still in the output, untouched. */
export function reusablePages(record: OutputRecord | undefined): Map<string, string> {
  const reusable = new Map<string, string>();
  for (const [url, fingerprint] of record?.pages ?? []) {
    if (untouched(record!, fileOfPage(url))) reusable.set(url, fingerprint);
  }
  return reusable;
}

/**
 * Gives `staging` the files of `from`, by hard link (a copy where linking is refused), and returns
 * those linked: each is the very file of `from`, its size and modification time unchanged. `files`
 * names each file in both, or maps its name in `staging` to its name in `from`.
 * Synchronous: thousands of asynchronous calls in a row cost a thread-pool round trip each.
 */
export function linkFiles(from: string, staging: string, files: readonly string[] | ReadonlyMap<string, string>): string[] {
  const pairs = files instanceof Map ? [...(files as ReadonlyMap<string, string>)] : (files as readonly string[]).map((file) => [file, file] as const);
  for (const folder of new Set(pairs.map(([file]) => path.dirname(path.join(staging, file))))) mkdirSync(folder, { recursive: true });
  const linked: string[] = [];
  for (const [file, source] of pairs) {
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
 * Every file under `dir` (relative, with `/`) → its size and modification time. `known` gives them
 * for files hard-linked from the last output after this build found them untouched: the state the
 * last record had. A linked file is the old output's file itself, so a hand edit made to it while
 * the build ran lands in the new output too; stat-ed now, its edited state would be recorded as the
 * build's own and the page reused as written. Recorded as checked, it shows as changed next time.
 */
export function statFiles(dir: string, known: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  return new Map(listTree(dir).map((file) => [file, known.get(file) ?? stateOf(path.join(dir, file))!]));
}

/**
 * Whether the output is exactly what a build of `site` would write: the record says it was
 * built from a site with this fingerprint, and no file of it was added, removed or changed since.
 */
export function upToDate(record: OutputRecord, site: string): boolean {
  if (record.site !== site || !existsSync(record.outDir)) return false;
  const now = statFiles(record.outDir);
  return now.size === record.files.size && [...now].every(([file, state]) => record.files.get(file) === state);
}
