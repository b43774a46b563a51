/**
 * One segment of the search index (format.ts): its token shards and stored entries, from the
 * entries it holds, newest first. Pure: the same entries give the same bytes and folder name.
 *
 * Cost is linear in the text: one pass over every entry's folded text collects, per entry, the
 * distinct tokens (as numbers); a counting sort then lays every token's entry list out in one typed
 * array, ascending because entries are visited in order.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { groupBy } from '../site/index.ts';
import { cutShards, encodeIds, encodeShard, entrySize, facetToken, FACETS, FORMAT_VERSION, searchableText, type FacetName, type ShardEntry, type StoredDoc } from './format.ts';
import { isCommonHan, isHanChar } from './pinyin.ts';
import { fold, forEachToken, tokenOf } from './tokenize.ts';

/** An item as a segment holds it. */
export interface Entry {
  doc: StoredDoc;
  /** The year of the item's issue (the `year` facet). */
  year: number;
  /** What the entry is known by from one build to the next (`entryKey`). */
  key: string;
}

/** What a build keeps of a segment for the next one to reuse it (the output record holds it). */
export interface SegmentState {
  parts: string;
  shards: string[];
  /** Key of each entry, in entry order. */
  keys: string[];
  /** Its Han characters outside GB 2312, which the pinyin table is given readings of. */
  rare: string[];
}

export interface BuiltSegment {
  state: SegmentState;
  /** Path under `search/` → bytes. */
  files: Map<string, Uint8Array>;
  /** Path under `search/` → the file of an earlier segment with the same bytes (`stored`), to link. */
  linked: Map<string, string>;
  tokens: number;
  sizes: { shards: number; docs: number };
}

/**
 * An entry's key: a hash of all it shows and is found by. Equal keys, equal entries, so an entry
 * of an earlier segment stands for the item as long as its key is the item's. The body's text
 * stands in by `bodyKey`, the key of its render job (the hash of its source and options), with
 * `salt`, the code's version, which covers how a body is rendered: hashing every text took the
 * index 0.16 s of a merge at 20,000 items.
 */
export function entryKey(doc: StoredDoc, year: number, bodyKey: string, salt: string): string {
  const { x: _text, ...shown } = doc;
  return createHash('sha256').update(JSON.stringify([shown, year, bodyKey, salt])).digest('base64url').slice(0, 22);
}

/**
 * Gzip when it saves bytes (readers sniff the magic bytes). zlib writes no timestamp: the output
 * depends on the input alone. Measured on 20,000 items: the default level, as level 9 was 0.1%
 * smaller and up to 10 times slower; synchronous in this thread, as zlib's asynchronous calls
 * took 10 times as long and worker threads twice the CPU (copying every file there and back).
 */
export function compress(bytes: Uint8Array): Uint8Array {
  const packed = gzipSync(bytes);
  // A copy: zlib's output sits in a 16 KB buffer, which a view would keep alive (and a worker's
  // message copy whole): 337 MB for the 24 MB of 20,000 items' files.
  return packed.length < bytes.length ? new Uint8Array(packed) : bytes;
}

/** A copy of `array` twice as long (with `fill` in the new half). */
function grown<T extends Uint32Array | Int32Array>(array: T, fill = 0): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}

/** Every token's ascending entry numbers, from the entries' title, unit and text. */
function postings(items: readonly StoredDoc[]): ShardEntry[] {
  // Characters get small ids, so a pair's map key is a small integer (fast to hash, never boxed).
  const charId = new Int32Array(0x110000).fill(-1);
  const singleToken: number[] = []; // char id → token number
  const pairToken = new Map<number, number>();
  const tokenChars: string[] = []; // token number → the token
  let lastItem = new Int32Array(1 << 12).fill(-1); // token number → last item it was seen in
  // Token numbers, item after item, each once per item. About one per character: sized so it
  // rarely has to grow (growing copies it).
  let itemTokens = new Uint32Array(Math.max(1 << 16, items.reduce((n, item) => n + item.t.length + item.n.length + item.x.length, 0)));
  let length = 0;
  const itemEnds = new Uint32Array(items.length);
  let id = 0;

  const newToken = (text: string): number => {
    const token = tokenChars.length;
    tokenChars.push(text);
    if (token === lastItem.length) lastItem = grown(lastItem, -1);
    return token;
  };
  const idOf = (cp: number): number => {
    let c = charId[cp]!;
    if (c < 0) {
      c = charId[cp] = singleToken.length;
      singleToken.push(newToken(tokenOf(cp)));
    }
    return c;
  };
  const emit = (first: number, second: number): void => {
    const a = idOf(first);
    let token: number;
    if (second < 0) token = singleToken[a]!;
    else {
      const b = idOf(second);
      const key = a < 0x8000 && b < 0x8000 ? a * 0x8000 + b : -(a * 0x110000 + b) - 1;
      const known = pairToken.get(key);
      token = known ?? newToken(tokenOf(first, second));
      if (known === undefined) pairToken.set(key, token);
    }
    if (lastItem[token] !== id) {
      lastItem[token] = id;
      if (length === itemTokens.length) itemTokens = grown(itemTokens);
      itemTokens[length++] = token;
    }
  };
  for (; id < items.length; id++) {
    forEachToken(fold(searchableText(items[id]!.t, items[id]!.n, items[id]!.x)), emit);
    itemEnds[id] = length;
  }

  // Counting sort by token: each token's ids end up together, ascending.
  const count = tokenChars.length;
  const starts = new Uint32Array(count + 1);
  for (let i = 0; i < length; i++) starts[itemTokens[i]! + 1]!++;
  for (let t = 0; t < count; t++) starts[t + 1]! += starts[t]!;
  const ids = new Uint32Array(length);
  const filled = starts.slice(0, count);
  for (let item = 0, i = 0; item < items.length; item++) {
    for (; i < itemEnds[item]!; i++) ids[filled[itemTokens[i]!]!++] = item;
  }
  return tokenChars.map((token, t) => ({ token, list: encodeIds(ids.subarray(starts[t]!, starts[t + 1]!)) }));
}

/** An entry's value of each facet, as filters name it. */
export const FACET_VALUE: Record<FacetName, (entry: Entry) => string> = {
  unit: (entry) => entry.doc.n,
  category: (entry) => entry.doc.c,
  year: (entry) => String(entry.year),
};

/** One token per facet value, listing the entries that have it. */
function facetPostings(entries: readonly Entry[]): ShardEntry[] {
  return FACETS.flatMap((facet) =>
    [...groupBy([...entries.keys()], (n) => FACET_VALUE[facet](entries[n]!))].map(([value, numbers]) => ({ token: facetToken(facet, value), list: encodeIds(numbers) })),
  );
}

const utf8 = new TextEncoder();

/**
 * The segment of `entries`. `stored`: entry key → an earlier segment's file of that entry (path
 * under `search/`), taken as it is rather than compressed again: the bytes of an entry's file
 * follow from its key, so the folder is named by the keys of its entries, not their bytes.
 */
export function buildSegment(entries: readonly Entry[], shardTarget: number, stored: ReadonlyMap<string, string> = new Map()): BuiltSegment {
  const tokens = [...facetPostings(entries), ...postings(entries.map((entry) => entry.doc))].sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
  const parts = new Map<string, Uint8Array>();
  const { firstKeys: shards, shards: tokenShards } = cutShards(tokens, shardTarget, (entry) => entry.token, entrySize);
  const sizes = { shards: 0, docs: 0 };
  tokenShards.forEach((shard, k) => {
    const bytes = compress(encodeShard(shard));
    parts.set(`t${k}.bin`, bytes);
    sizes.shards += bytes.length;
  });
  const named = new Map<string, Uint8Array | string>(parts);
  const linked = new Map<string, string>();
  entries.forEach((entry, n) => {
    named.set(`d${n}.bin`, entry.key);
    const from = stored.get(entry.key);
    if (from !== undefined) linked.set(`d${n}.bin`, from);
    else {
      const bytes = compress(utf8.encode(JSON.stringify(entry.doc)));
      parts.set(`d${n}.bin`, bytes);
      sizes.docs += bytes.length;
    }
  });
  const folder = `s${FORMAT_VERSION}-${folderHash(named)}/`;
  return {
    state: { parts: folder, shards, keys: entries.map((entry) => entry.key), rare: rareChars(tokens) },
    files: inFolder(folder, parts),
    linked: inFolder(folder, linked),
    tokens: tokens.length,
    sizes,
  };
}

const rareChars = (tokens: readonly ShardEntry[]): string[] => tokens.map((entry) => entry.token).filter((token) => isHanChar(token) && !isCommonHan(token));

/** The hash a folder of immutable files is named by: of each file's name, and its bytes or what decides them. */
export function folderHash(files: ReadonlyMap<string, Uint8Array | string>): string {
  const hash = createHash('sha256');
  for (const [name, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(name).update(bytes);
  return hash.digest('hex').slice(0, 16);
}

export const inFolder = <T>(folder: string, files: ReadonlyMap<string, T>): Map<string, T> => new Map([...files].map(([name, value]) => [folder + name, value]));

/** The files of a segment, by its state: what a build links from the last output to keep it. */
export const segmentFiles = (state: SegmentState): string[] => [...state.shards.map((_, k) => `${state.parts}t${k}.bin`), ...state.keys.map((_, n) => `${state.parts}d${n}.bin`)];
