/**
 * What validating each issue and item file found, kept between loads so that a file whose text
 * and context are unchanged is not parsed again: in memory by the dev server, on disk by the build.
 */
import { createHash } from 'node:crypto';
import { currentCodeVersion, readCached, readSegments, removeOtherVersions, writeCached, writeSegments, type SegmentedMap } from '../cache/index.ts';
import type { InspectedFiles } from './link-targets.ts';
import type { BodyLinks, Issue, Item } from './model.ts';
import type { Problem } from './yaml.ts';

/** Where in a file something was written. */
export type Place = { line: number; column: number };

/**
 * What validating one issue or item file found, from its text alone (and, for items, the
 * context: the lists, the office and today). Whether the local files its body links to exist
 * depends on other files, so only the links are kept here; they are looked up on every load.
 */
export interface Checked<T> {
  /** Problems in the order found, before the local link targets are checked. */
  before: Problem[];
  links: BodyLinks;
  /** Line of the file on which the body starts, to place link problems. */
  bodyLine: number;
  /** Problems found after the link targets. */
  after: Problem[];
  /** An item's title as written, for the check of repeated titles across files. */
  title?: { title: string; at: Place };
  /** Where an item's date is written, for the check against its issue's date. */
  dateAt?: Place;
  value: T | undefined;
}

/** By file: a hash of the bytes it was checked with (not the text: 4,000 items' text is 12 MB on disk), the context, the result. */
type CheckedEntries<T> = Map<string, { digest: string; context: string; checked: Checked<T> }>;

type CheckedEntry<T> = CheckedEntries<T> extends Map<string, infer E> ? E : never;

/** Checked files by path, each with the bytes and context it was checked with. */
export class CheckedFiles<T> {
  readonly #entries: CheckedEntries<T>;
  /** @internal What was read from the cache, and the files checked or forgotten since: what the next save writes. */
  readonly read: SegmentedMap<CheckedEntry<T>>;
  readonly set = new Set<string>();
  readonly deleted = new Set<string>();

  constructor(read: SegmentedMap<CheckedEntry<T>> = { map: new Map(), pending: 0, last: -1, baseAt: -1 }) {
    this.read = read;
    this.#entries = read.map;
  }

  /** @internal What it keeps, plain data for the cache on disk. */
  get entries(): CheckedEntries<T> {
    return this.#entries;
  }

  /**
   * What `file` gave when last checked with these bytes and context; otherwise checks it now
   * (undefined, not kept: the bytes are not text, which `check` has reported).
   */
  getOrCheck(file: string, bytes: Uint8Array, context: string, check: () => Checked<T> | undefined): Checked<T> | undefined {
    const entry = this.#entries.get(file);
    // Of the bytes, not the text: a file the memo knows is never decoded.
    const digest = createHash('sha256').update(bytes).digest('base64url');
    if (entry && entry.digest === digest && entry.context === context) return entry.checked;
    const checked = check();
    if (checked === undefined) return undefined;
    this.#entries.set(file, { digest, context, checked });
    this.set.add(file);
    this.deleted.delete(file);
    return checked;
  }

  /** What `file` gave when last checked in this context, without its text. */
  lastChecked(file: string, context: string): Checked<T> | undefined {
    const entry = this.#entries.get(file);
    return entry?.context === context ? entry.checked : undefined;
  }

  /** Forgets the files no longer in the folder. */
  keepOnly(files: ReadonlySet<string>): void {
    for (const file of this.#entries.keys()) {
      if (!files.has(file)) {
        this.#entries.delete(file);
        this.set.delete(file);
        this.deleted.add(file);
      }
    }
  }

  /** Whether anything was checked or forgotten since it was made. */
  get changed(): boolean {
    return this.set.size > 0 || this.deleted.size > 0;
  }
}

/**
 * Results of earlier `loadContent` calls, kept by the caller between calls (`options.memo`).
 * A file is taken from it only when its text is the same as when it was checked, and for an
 * item, the lists, the editing office and `today` too. The settings files, the listing of the
 * folder, local link targets and every check across files run on each call.
 */
export class LoadMemo {
  /** @internal */
  readonly issues: CheckedFiles<Issue>;
  /** @internal */
  readonly items: CheckedFiles<Item>;
  /** @internal The linked photos and attachments, by real path and the state they were read in; replaced by each load. */
  files: InspectedFiles;
  readonly #filesRead: string;

  constructor(read?: { issues: SegmentedMap<CheckedEntry<Issue>>; items: SegmentedMap<CheckedEntry<Item>>; files: InspectedFiles }) {
    this.issues = new CheckedFiles(read?.issues);
    this.items = new CheckedFiles(read?.items);
    this.files = read?.files ?? new Map();
    this.#filesRead = fingerprintOf(this.files);
  }

  /**
   * The memo kept in `cacheDir` by the last build, so that `npm run build` too validates only the
   * files that changed. Its names carry the code's version: what a check finds depends on it. The
   * issues and items are kept as segments (src/cache/segments.ts): a build writes the files it checked.
   */
  static read(cacheDir: string | undefined): LoadMemo {
    const names = memoNames();
    const files = readCached(cacheDir, names.files);
    if (!(files instanceof Map)) return new LoadMemo();
    return new LoadMemo({ issues: readSegments(cacheDir, names.issues), items: readSegments(cacheDir, names.items), files: files as InspectedFiles });
  }

  /** Writes what changed for the next build. */
  async save(cacheDir: string): Promise<void> {
    const names = memoNames();
    await writeSegments(cacheDir, names.issues, this.issues.read, this.issues.entries, this.issues);
    await writeSegments(cacheDir, names.items, this.items.read, this.items.entries, this.items);
    // Last: a memo is read only once this file is there, and its entries are checked by digest, so a save cut short is never read wrong.
    if (this.issues.changed || this.items.changed || fingerprintOf(this.files) !== this.#filesRead) await writeCached(cacheDir, names.files, this.files);
    await removeOtherVersions(cacheDir, 'load', Object.values(names));
  }
}

/** The memo's names in the cache folder carry the code's version: what a check finds depends on it. */
function memoNames(): { issues: string; items: string; files: string } {
  const version = currentCodeVersion();
  return { issues: `load-${version}-issues`, items: `load-${version}-items`, files: `load-${version}-files.bin` };
}

/** Changes when an inspection is added or replaced: each file's state is in it. */
const fingerprintOf = (files: InspectedFiles) => [...files].map(([file, { state }]) => `${file}\0${state}`).join('\n');
