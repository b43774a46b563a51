/**
 * Site structure → the search index files (format.ts describes them). Pure: the same site gives
 * the same bytes, and nothing is written here (write.ts does that).
 *
 * Cost is linear in the text: one pass over every item's folded text collects, per item, the
 * distinct tokens (as numbers); a counting sort then lays every token's item list out in one typed
 * array, ascending because items are visited in id order.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { groupBy, urls, type ItemPage, type Site } from '../site/index.ts';
import {
  cutShards,
  encodeIds,
  encodeShard,
  entrySize,
  facetToken,
  FACETS,
  FORMAT_VERSION,
  searchableText,
  type FacetName,
  type FacetValue,
  type Manifest,
  type ShardEntry,
  type StoredDoc,
} from './format.ts';
import { buildPinyin, isHanChar } from './pinyin.ts';
import { fold, forEachToken, tokenOf } from './tokenize.ts';

export interface IndexOptions {
  /** Upper size of a token shard in bytes before compression (a single longer list gets a shard alone). */
  shardTarget?: number;
  /** Items per document chunk. */
  docsPerChunk?: number;
  /** Chunks compressed before, by `docKeys` (packed-docs.ts): taken as they are rather than compressed again. */
  packedDocs?: ReadonlyMap<string, Uint8Array>;
}

/**
 * 8 KB: a query fetches one shard per token, so this bounds the bytes a phrase of n characters
 * costs to about n × 8 KB; smaller shards mean a longer manifest (one first token per shard).
 */
export const SHARD_TARGET = 8 * 1024;
/**
 * One item per chunk: a page of results for a rare word is scattered over the whole id range, so
 * any larger chunk would download its neighbours for nothing.
 */
export const DOCS_PER_CHUNK = 1;

/** What of an item the index holds. */
export type SearchItem = Pick<ItemPage, 'title' | 'url' | 'date' | 'dateText' | 'text'> & {
  unit: Pick<ItemPage['unit'], 'name'>;
  category: Pick<ItemPage['category'], 'name'>;
  issue: Pick<ItemPage['issue'], 'year'>;
};

/** What of the site the index is built from: small enough to hand to a worker thread. */
export interface SearchSource {
  /** The archive's order: id 0 is the newest item. */
  newest: readonly SearchItem[];
  termIndexes: Site['termIndexes'];
}

export function searchSource(site: Site): SearchSource {
  return {
    newest: site.newest.map(({ title, url, date, dateText, text, unit, category, issue }) => ({ title, url, date, dateText, text, unit: { name: unit.name }, category: { name: category.name }, issue: { year: issue.year } })),
    termIndexes: site.termIndexes,
  };
}

export interface SearchIndexFiles {
  /** Path under the site's `search/` folder → bytes. */
  files: Map<string, Uint8Array>;
  manifest: Manifest;
  /** Bytes of shards, chunks and the pinyin files as written (compressed where that was smaller). */
  sizes: { shards: number; docs: number; manifest: number; pinyin: number };
  tokens: number;
  /** SHA-256 of chunk k's JSON, for every chunk k: what `packedDocs` finds it by. */
  docKeys: string[];
}

/**
 * Gzip when it saves bytes (readers sniff the magic bytes). zlib writes no timestamp: the output
 * depends on the input alone. Measured on 20,000 items: the default level, as level 9 was 0.1%
 * smaller and up to 10 times slower; synchronous in this thread, as zlib's asynchronous calls
 * took 10 times as long and worker threads twice the CPU (copying every file there and back).
 */
function compress(bytes: Uint8Array): Uint8Array {
  const packed = gzipSync(bytes);
  return packed.length < bytes.length ? new Uint8Array(packed.buffer, packed.byteOffset, packed.length) : bytes;
}

/** A copy of `array` twice as long (with `fill` in the new half). */
function grown<T extends Uint32Array | Int32Array>(array: T, fill = 0): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}

/** Every token's ascending item ids, from the items' title and text. */
function postings(items: readonly SearchItem[]): ShardEntry[] {
  // Characters get small ids, so a pair's map key is a small integer (fast to hash, never boxed).
  const charId = new Int32Array(0x110000).fill(-1);
  const singleToken: number[] = []; // char id → token number
  const pairToken = new Map<number, number>();
  const tokenChars: string[] = []; // token number → the token
  let lastItem = new Int32Array(1 << 12).fill(-1); // token number → last item it was seen in
  // Token numbers, item after item, each once per item. About one per character: sized so it
  // rarely has to grow (growing copies it).
  let itemTokens = new Uint32Array(Math.max(1 << 16, items.reduce((n, item) => n + item.title.length + item.unit.name.length + item.text.length, 0)));
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
    forEachToken(fold(searchableText(items[id]!.title, items[id]!.unit.name, items[id]!.text)), emit);
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

/** Facet values in the site's order (years newest first) with their item ids; values without items left out. */
function facets(site: SearchSource, items: readonly SearchItem[]): { values: Record<FacetName, FacetValue[]>; entries: ShardEntry[] } {
  const idsOf = (value: (item: SearchItem) => string) => groupBy([...items.keys()], (id) => value(items[id]!));
  const terms = (kind: FacetName) => site.termIndexes.find((index) => index.kind === kind)?.terms.map((term) => ({ name: term.name, url: term.url, aliases: term.aliases })) ?? [];
  const years = [...new Set(items.map((item) => item.issue.year))].sort((a, b) => b - a);
  const ordered: Record<FacetName, { name: string; label: string; url: string; aliases: string[] }[]> = {
    unit: terms('unit').map((t) => ({ ...t, label: t.name })),
    category: terms('category').map((t) => ({ ...t, label: t.name })),
    year: years.map((year) => ({ name: String(year), label: `${year}年`, url: urls.year(year), aliases: [] })),
  };
  const valueOf: Record<FacetName, (item: SearchItem) => string> = {
    unit: (item) => item.unit.name,
    category: (item) => item.category.name,
    year: (item) => String(item.issue.year),
  };
  const values = {} as Record<FacetName, FacetValue[]>;
  const entries: ShardEntry[] = [];
  for (const facet of FACETS) {
    const ids = idsOf(valueOf[facet]);
    values[facet] = ordered[facet]
      .filter((value) => ids.has(value.name))
      .map((value) => ({
        name: value.name,
        label: value.label,
        url: value.url.replace(/^\//, ''),
        count: ids.get(value.name)!.length,
        ...(value.aliases.length > 0 ? { aliases: value.aliases } : {}),
      }));
    for (const value of values[facet]) entries.push({ token: facetToken(facet, value.name), list: encodeIds(ids.get(value.name)!) });
  }
  return { values, entries };
}

export function buildSearchIndex(site: SearchSource, options: IndexOptions = {}): SearchIndexFiles {
  const shardTarget = options.shardTarget ?? SHARD_TARGET;
  const docsPerChunk = options.docsPerChunk ?? DOCS_PER_CHUNK;
  // Ids in the archive's order: id 0 is the newest item.
  const items = site.newest;
  const facet = facets(site, items);
  const entries = [...facet.entries, ...postings(items)].sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));

  const parts = new Map<string, Uint8Array>();
  const { firstKeys: shards, shards: tokenShards } = cutShards(entries, shardTarget, (entry) => entry.token, entrySize);
  tokenShards.forEach((shard, k) => parts.set(`t${k}.bin`, compress(encodeShard(shard))));

  const pinyin = buildPinyin(site, items, entries.filter((entry) => isHanChar(entry.token)).map((entry) => entry.token), shardTarget);
  parts.set('pinyin.bin', compress(new TextEncoder().encode(JSON.stringify(pinyin.table))));
  pinyin.words.forEach((words, k) => parts.set(`y${k}.bin`, compress(new TextEncoder().encode(JSON.stringify(words)))));
  pinyin.chars.forEach((chars, k) => parts.set(`c${k}.bin`, compress(new TextEncoder().encode(JSON.stringify(chars)))));

  const unitIndex = new Map(facet.values.unit.map((value, i) => [value.name, i]));
  const categoryIndex = new Map(facet.values.category.map((value, i) => [value.name, i]));
  const docKeys: string[] = [];
  for (let start = 0; start < items.length; start += docsPerChunk) {
    const docs = items.slice(start, start + docsPerChunk).map(
      (item): StoredDoc => ({
        t: item.title,
        u: item.url.replace(/^\//, ''),
        d: item.date,
        s: item.dateText,
        n: unitIndex.get(item.unit.name)!,
        c: categoryIndex.get(item.category.name)!,
        x: item.text,
      }),
    );
    const json = JSON.stringify(docs);
    const key = createHash('sha256').update(json).digest('base64url');
    docKeys.push(key);
    parts.set(`d${start / docsPerChunk}.bin`, options.packedDocs?.get(key) ?? compress(new TextEncoder().encode(json)));
  }

  const hash = createHash('sha256');
  for (const [name, bytes] of [...parts].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(name).update(bytes);
  const folder = `v${FORMAT_VERSION}-${hash.digest('hex').slice(0, 16)}/`;
  const manifest: Manifest = { version: FORMAT_VERSION, parts: folder, items: items.length, docsPerChunk, shards, facets: facet.values };
  const manifestBytes = compress(new TextEncoder().encode(JSON.stringify(manifest)));

  const files = new Map<string, Uint8Array>([['index.bin', manifestBytes]]);
  const sizes = { shards: 0, docs: 0, manifest: manifestBytes.length, pinyin: 0 };
  for (const [name, bytes] of parts) {
    files.set(folder + name, bytes);
    if (name.startsWith('t')) sizes.shards += bytes.length;
    else if (/^d\d/.test(name)) sizes.docs += bytes.length;
    else sizes.pinyin += bytes.length;
  }
  return { files, manifest, sizes, tokens: entries.length, docKeys };
}
