/**
 * The search index format, version 3: what `writeSearchIndex` writes into `search/` of the site
 * and the browser client reads. Bump `FORMAT_VERSION` on any change to the layout below; a client
 * refuses a manifest of another version.
 *
 * The index is a few segments, as in Lucene: each holds the items it was built from, under ids of
 * its own, and never changes once written. A build keeps the segments of the last one whose items
 * are all still as they were, and puts the other items (added, changed, or beside a removed or
 * changed one) in a new segment; now and then it merges them (indexer.ts). So a merge that adds
 * one item writes one small segment and the manifest, not the whole index again. No segment keeps
 * an entry of a removed or changed item: its text and its tokens leave the site with the build
 * that removes or corrects it.
 *
 * Files (every `.bin` file is gzip-compressed by the builder when that makes it smaller; readers
 * sniff the gzip magic bytes 1f 8b. Compressing at build time keeps the bytes a reader downloads
 * the same on hosts that do not compress unknown types):
 *
 *   search/search.js          the client (ES module); finds everything below relative to its own URL
 *   search/index.bin          the manifest (JSON, `Manifest`); its URL never changes, so the client
 *                             fetches it revalidated (`cache: 'no-cache'`)
 *   search/<segment>/t<k>.bin token shard k of a segment (binary, below)
 *   search/<segment>/d<i>.bin the segment's entry i (JSON, `StoredDoc`)
 *   search/<pinyin>/pinyin.bin the pinyin table (JSON, `PinyinTable`), read only to turn a query
 *                             typed in pinyin into characters or to suggest a homophone
 *   search/<pinyin>/y<k>.bin  pinyin word shard k (JSON, `PinyinShard`)
 *   search/<pinyin>/c<k>.bin  character reading shard k (JSON, `CharShard`)
 *
 * `<segment>` is `s3-` and `<pinyin>` is `p3-`, then a hash of the folder's contents (a segment's
 * shards and its entries' keys, which decide its stored items' bytes), so those files are
 * immutable: a browser may cache them forever, and a reader who loaded the old manifest never
 * mixes two builds.
 *
 * A segment's entries are numbered 0, 1, … in the archive's order, newest first, as it was when
 * the segment was written. Items are numbered across the archive by position, newest first (id 0
 * is the newest item), so walking a result set upwards lists results newest first at no cost: the
 * manifest says where each segment's entries stand (`Segment`).
 *
 * Token shard (all integers are unsigned LEB128 varints unless said otherwise):
 *
 *   "BST1"                        4 bytes: magic and format version
 *   n                             number of entries, then n entries in ascending token order
 *                                 (JavaScript string order, UTF-16 code units):
 *     len, token                    the token as `len` bytes of UTF-8
 *     encoding                      1 byte: 0 gaps, 1 bitmap, 2 runs
 *     count                         number of ids in the list
 *     len, payload                  `len` bytes:
 *       gaps    varints: the first id, then each id minus the previous id minus 1
 *       bitmap  bit i (byte i>>3, bit i&7, least significant first) set when id i is in the list
 *       runs    pairs of varints: ids skipped since the end of the previous run, run length − 1
 *
 * Ids in a shard are the segment's entry numbers. The builder writes each list in the smallest of
 * the three. Shards hold whole lists, in token order, each up to `SHARD_TARGET` (indexer.ts) bytes,
 * less in a small segment, unless one list alone is larger; a segment's `shards[k]` is the first token of its shard k, so a
 * client finds a token's shard by binary search.
 *
 * Tokens are the keys of `tokenize.ts` (one character, or two neighbouring ones, of folded text),
 * and one key per facet value: `FACET_PREFIX`, the facet's name, `:`, the value (e.g. `\0unit:济源路街道`).
 */

export const FORMAT_VERSION = 3;
export const SHARD_MAGIC = 'BST1';
export const FACET_PREFIX = '\u0000';

export type FacetName = 'unit' | 'category' | 'year';
export const FACETS: readonly FacetName[] = ['unit', 'category', 'year'];

export const facetToken = (facet: FacetName, value: string): string => `${FACET_PREFIX}${facet}:${value}`;

export interface FacetValue {
  /** The value as filters name it in the URL: a unit's or category's name, a year's digits. */
  name: string;
  /** Shown to readers: the name, or `2021年`. */
  label: string;
  /** Root-relative URL of the value's listing page, without the leading `/`. */
  url: string;
  count: number;
  /** Other names of the value (a unit's aliases), when it has any. */
  aliases?: string[];
}

/** One segment as the manifest describes it. */
export interface Segment {
  /** Folder of the segment's files, relative to the manifest, ending in `/`. */
  parts: string;
  /** Entries in the segment: they are numbered 0 to entries − 1. */
  entries: number;
  /** First token of each shard. */
  shards: string[];
  /**
   * The archive id of each entry, in entry order. Absent on the first segment (the largest): its
   * entries take the ids no other segment's do, in ascending order.
   */
  ids?: number[];
}

export interface Manifest {
  version: number;
  /** Number of items; ids run from 0 to items − 1. */
  items: number;
  segments: Segment[];
  /** Folder of the pinyin files, relative to the manifest, ending in `/`. */
  pinyin: string;
  /** Values of each facet in the site's order (years newest first), only those with items. */
  facets: Record<FacetName, FacetValue[]>;
}

/**
 * What turns pinyin into the words of this archive: the syllables its words are read in, and the
 * first key of each word shard and each character shard. A word is two neighbouring characters of
 * a title, a unit's or a category's name; its key is the toneless readings joined by a space
 * (`leng lian`), `ü` written `v`.
 */
export interface PinyinTable {
  syllables: string[];
  /** First key of each `y<k>.bin`, ascending; the first is ''. */
  words: string[];
  /** First character of each `c<k>.bin`, ascending; the first is ''. */
  chars: string[];
}

/** Key → the words read so, most frequent first, each with how many titles and names hold it. */
export type PinyinShard = Record<string, [word: string, count: number][]>;

/**
 * Toneless reading → the characters of the shard's range (GB 2312's and the archive's, in code
 * unit order) whose most common reading it is.
 */
export type CharShard = Record<string, string>;

/** One item as stored for result lists and confirmation. */
export interface StoredDoc {
  /** Title. */
  t: string;
  /** Root-relative URL without the leading `/` (the client resolves it under the site's path prefix). */
  u: string;
  /** Date, `YYYY-MM-DD`. */
  d: string;
  /** Date as shown, `2021年1月23日`. */
  s: string;
  /** The source unit's name (a value of `facets.unit`). */
  n: string;
  /** The category's name (a value of `facets.category`). */
  c: string;
  /** Plain text of the body. */
  x: string;
}

/**
 * The text a query is matched against: title, source unit and body, apart so no match spans two:
 * a unit's name finds its items whether or not their text names it.
 */
export const searchableText = (title: string, unit: string, text: string): string => `${title}\n${unit}\n${text}`;

export const Encoding = { Gaps: 0, Bitmap: 1, Runs: 2 } as const;
export type Encoding = (typeof Encoding)[keyof typeof Encoding];

// ---------------------------------------------------------------------------------------------
// Writing

const utf8 = new TextEncoder();

class ByteWriter {
  private bytes = new Uint8Array(1024);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  varint(value: number): void {
    this.reserve(8);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.bytes[this.length++] = value;
  }

  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** One id list in its smallest encoding. `ids` ascending, without repeats. */
export function encodeIds(ids: ArrayLike<number>): ShardList {
  const gaps = new ByteWriter();
  const runs = new ByteWriter();
  let previous = -1;
  let runStart = -1;
  let runEnd = 0; // end (exclusive) of the last finished run
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    gaps.varint(id - previous - 1);
    if (id !== previous + 1 || runStart < 0) {
      if (runStart >= 0) {
        runs.varint(runStart - runEnd);
        runs.varint(previous - runStart);
        runEnd = previous + 1;
      }
      runStart = id;
    }
    previous = id;
  }
  if (runStart >= 0) {
    runs.varint(runStart - runEnd);
    runs.varint(previous - runStart);
  }
  const count = ids.length;
  const bitmapLength = count === 0 ? 0 : (ids[count - 1]! >>> 3) + 1;
  if (bitmapLength < gaps.length && bitmapLength < runs.length) {
    const bitmap = new Uint8Array(bitmapLength);
    for (let i = 0; i < count; i++) bitmap[ids[i]! >>> 3]! |= 1 << (ids[i]! & 7);
    return { encoding: Encoding.Bitmap, count, payload: bitmap };
  }
  return runs.length < gaps.length
    ? { encoding: Encoding.Runs, count, payload: runs.result() }
    : { encoding: Encoding.Gaps, count, payload: gaps.result() };
}

/** A list ready for a shard, as `encodeIds` made it. */
export interface ShardEntry {
  token: string;
  list: ShardList;
}

/** Bytes an entry takes in a shard (for packing shards to size). */
export const entrySize = (entry: ShardEntry): number => utf8.encode(entry.token).length + entry.list.payload.length + 12;


/** Encodes entries already sorted by token. */
export function encodeShard(entries: readonly ShardEntry[]): Uint8Array {
  const out = new ByteWriter();
  out.raw(utf8.encode(SHARD_MAGIC));
  out.varint(entries.length);
  for (const { token, list } of entries) {
    const name = utf8.encode(token);
    out.varint(name.length);
    out.raw(name);
    out.byte(list.encoding);
    out.varint(list.count);
    out.varint(list.payload.length);
    out.raw(list.payload);
  }
  return out.result();
}

/** One list of a shard, not decoded until asked for. */
export interface ShardList {
  encoding: Encoding;
  count: number;
  payload: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// Reading

export class FormatError extends Error {}

const utf8Decoder = new TextDecoder();

/** Reads unsigned LEB128 varints from `bytes`, from `at` on. */
class VarintReader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  next(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (this.at >= this.bytes.length) throw new FormatError('token shard cut short');
      const b = this.bytes[this.at++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
      shift += 7;
    }
  }
}

/** Token → list for every entry of a (decompressed) shard. */
export function decodeShard(bytes: Uint8Array): Map<string, ShardList> {
  if (utf8Decoder.decode(bytes.subarray(0, 4)) !== SHARD_MAGIC) throw new FormatError('not a version 1 token shard');
  const reader = new VarintReader(bytes, 4);
  const lists = new Map<string, ShardList>();
  for (let n = reader.next(); n > 0; n--) {
    const nameLength = reader.next();
    const token = utf8Decoder.decode(bytes.subarray(reader.at, (reader.at += nameLength)));
    const encoding = bytes[reader.at++] as Encoding;
    const count = reader.next();
    const length = reader.next();
    if (reader.at + length > bytes.length) throw new FormatError('token shard cut short');
    lists.set(token, { encoding, count, payload: bytes.subarray(reader.at, (reader.at += length)) });
  }
  return lists;
}

/** Calls `add` with every id of a list, ascending. */
export function forEachId(list: ShardList, add: (id: number) => void): void {
  const { payload } = list;
  if (list.encoding === Encoding.Bitmap) {
    for (let i = 0; i < payload.length; i++) {
      for (let b = payload[i]!; b !== 0; b &= b - 1) add(i * 8 + (31 - Math.clz32(b & -b)));
    }
    return;
  }
  const reader = new VarintReader(payload);
  if (list.encoding === Encoding.Gaps) {
    for (let id = -1; !reader.done; ) add((id += reader.next() + 1));
    return;
  }
  if (list.encoding !== Encoding.Runs) throw new FormatError(`unknown list encoding ${String(list.encoding)}`);
  for (let end = 0; !reader.done; ) {
    const start = end + reader.next();
    end = start + reader.next() + 1;
    for (let id = start; id < end; id++) add(id);
  }
}

/**
 * Entries in key order cut into shards of up to about `target` bytes (an entry larger than that
 * gets a shard alone), with the first key of each for `shardOf`. The first is '', so no key falls
 * before it, and an empty list still gives one shard, so every key has a shard to be missing from.
 */
export function cutShards<T>(sorted: readonly T[], target: number, key: (entry: T) => string, size: (entry: T) => number): { firstKeys: string[]; shards: T[][] } {
  const shards: T[][] = [[]];
  let bytes = 0;
  for (const entry of sorted) {
    const entryBytes = size(entry);
    if (bytes > 0 && bytes + entryBytes > target) {
      shards.push([]);
      bytes = 0;
    }
    shards.at(-1)!.push(entry);
    bytes += entryBytes;
  }
  return { firstKeys: shards.map((shard, k) => (k === 0 ? '' : key(shard[0]!))), shards };
}

/** Index of the shard that holds `token`: the last whose first token is ≤ it. */
export function shardOf(shards: readonly string[], token: string): number {
  let low = 0;
  let high = shards.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (shards[mid]! <= token) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Whether bytes are gzip-compressed (the builder compresses a file when that makes it smaller). */
export const isGzip = (bytes: Uint8Array): boolean => bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
