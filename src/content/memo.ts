/**
 * What validating each issue and item file found, kept between loads so that a file whose text
 * and context are unchanged is not parsed again: in memory by the dev server, on disk by the build.
 */
import { createHash } from 'node:crypto';
import { currentCodeVersion, readCached, writeCached } from '../cache/index.ts';
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

/** By file: a hash of the text it was checked with (not the text: 4,000 items' text is 12 MB on disk), the context, the result. */
type CheckedEntries<T> = Map<string, { digest: string; context: string; checked: Checked<T> }>;

/** Checked files by path, each with the text and context it was checked with. */
export class CheckedFiles<T> {
  readonly #entries: CheckedEntries<T>;

  constructor(entries: CheckedEntries<T> = new Map()) {
    this.#entries = entries;
  }

  /** @internal What it keeps, plain data for the cache on disk. */
  get entries(): CheckedEntries<T> {
    return this.#entries;
  }

  /** What `file` gave when last checked with this text and context; otherwise checks it now. */
  getOrCheck(file: string, text: string, context: string, check: () => Checked<T>): Checked<T> {
    const entry = this.#entries.get(file);
    const digest = createHash('sha256').update(text).digest('base64url');
    if (entry && entry.digest === digest && entry.context === context) return entry.checked;
    const checked = check();
    this.#entries.set(file, { digest, context, checked });
    this.changed = true;
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
        this.changed = true;
      }
    }
  }

  /** Whether anything was checked or forgotten since it was made. */
  changed = false;
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

  constructor(entries?: MemoEntries) {
    this.issues = new CheckedFiles(entries?.issues);
    this.items = new CheckedFiles(entries?.items);
    this.files = entries?.files ?? new Map();
    this.#filesRead = fingerprintOf(this.files);
  }

  /**
   * The memo kept in `cacheDir` by the last build, so that `npm run build` too validates only the
   * files that changed. Its name carries the code's version: what a check finds depends on it.
   */
  static read(cacheDir: string | undefined): LoadMemo {
    const entries = readCached(cacheDir, memoName()) as MemoEntries | undefined;
    return new LoadMemo(entries?.issues instanceof Map && entries.items instanceof Map && entries.files instanceof Map ? entries : undefined);
  }

  /** Writes the memo for the next build, unless it is what was read. */
  async save(cacheDir: string): Promise<void> {
    if (!this.issues.changed && !this.items.changed && fingerprintOf(this.files) === this.#filesRead) return;
    await writeCached(cacheDir, memoName(), { issues: this.issues.entries, items: this.items.entries, files: this.files } satisfies MemoEntries, 'load-');
  }
}

interface MemoEntries {
  issues: CheckedEntries<Issue>;
  items: CheckedEntries<Item>;
  files: InspectedFiles;
}

/** Changes when an inspection is added or replaced: each file's state is in it. */
const fingerprintOf = (files: InspectedFiles) => [...files].map(([file, { state }]) => `${file}\0${state}`).join('\n');

const memoName = () => `load-${currentCodeVersion()}.bin`;
