/**
 * Site structure → the search index files (format.ts describes them). Pure: the same site and the
 * same segments of the last build give the same bytes, and nothing is written here (write.ts does
 * that).
 *
 * The last build's segments are kept while every item they hold is still as it was (same key) and
 * they stay cheap to read; the items no kept segment holds go into one new segment. When that
 * leaves too many segments, the small ones are merged into one; when too much of the index lies
 * outside the largest segment, or an item of that one was removed or changed, everything is built
 * again as one segment.
 */
import { readCached } from '../cache/index.ts';
import { urls, type ItemPage, type Site } from '../site/index.ts';
import { FACETS, FORMAT_VERSION, type FacetName, type FacetValue, type Manifest, type Segment, type StoredDoc } from './format.ts';
import { buildPinyin, useGb2312Readings } from './pinyin.ts';
import { buildSegment, compress, entryKey, FACET_VALUE, folderHash, inFolder, segmentFiles, type Entry, type SegmentState } from './segment.ts';

export interface IndexOptions {
  /** Upper size of a token shard in bytes before compression (a single longer list gets a shard alone). */
  shardTarget?: number;
  /** The segments of the last build, whose files the caller can link from its output. */
  previous?: readonly SegmentState[];
  /** The code's version, in every entry's key (entryKey); writeSearchIndex and startSearchIndex give it. */
  salt?: string;
  /** The build cache's GB 2312 readings (write.ts: readingsIn), when it has them; made anew without. */
  readings?: { dir: string; name: string };
}

/**
 * 8 KB: a query fetches one shard per token from the largest segment, so this bounds the bytes a
 * phrase of n characters costs there to about n × 8 KB; smaller shards mean a longer manifest (one
 * first token per shard).
 */
export const SHARD_TARGET = 8 * 1024;
/**
 * A reader's query fetches a shard of every segment for each of its tokens: past this many
 * segments, all but the largest are merged into one (a merge's cost: the small ones' items).
 */
export const MAX_SEGMENTS = 3;
/**
 * A segment's shards are smaller in proportion to its share of the items, down to this, so that
 * a small segment adds a fraction of a kilobyte per token to a query, not a full shard. Measured
 * at 20,000 items, an 8-character query beside one-item segments: each such segment cost
 * 1.2–1.7 KB at 1 KB shards, 0.9–1.4 KB at 512 bytes (its shards and its lines in the manifest).
 */
export const SMALL_SHARD_TARGET = 512;
/**
 * Entries outside the largest segment past which the index is built again whole: an eighth of
 * the items, so a reader's query does not fetch much from small segments, and at least
 * this many, so a small archive is not built again at every change.
 */
export const REBUILD_SHARE = 1 / 8;
export const REBUILD_MIN = 64;

/** What of an item the index holds. */
export type SearchItem = Pick<ItemPage, 'title' | 'url' | 'date' | 'dateText' | 'text' | 'bodyKey'> & {
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
    newest: site.newest.map(({ title, url, date, dateText, text, bodyKey, unit, category, issue }) => ({ title, url, date, dateText, text, bodyKey, unit: { name: unit.name }, category: { name: category.name }, issue: { year: issue.year } })),
    termIndexes: site.termIndexes,
  };
}

export interface SearchIndexFiles {
  /** Path under the site's `search/` folder → bytes: the files to write. */
  files: Map<string, Uint8Array>;
  /**
   * Path under `search/` → the file under the last output's `search/` to hard-link it from: the
   * files of the segments kept, and the stored items of those built that an earlier segment had.
   */
  linked: Map<string, string>;
  manifest: Manifest;
  /** Every segment of the manifest, in its order, for the next build (`IndexOptions.previous`). */
  segments: SegmentState[];
  /** Bytes of the files written (compressed where that was smaller). */
  sizes: { shards: number; docs: number; manifest: number; pinyin: number };
  /** Tokens of the segments built. */
  tokens: number;
}

/** Facet values in the site's order (years newest first), with how many items have each; values without items left out. */
function facets(site: SearchSource, entries: readonly Entry[]): Record<FacetName, FacetValue[]> {
  const terms = (kind: FacetName) => site.termIndexes.find((index) => index.kind === kind)?.terms.map((term) => ({ name: term.name, url: term.url, aliases: term.aliases })) ?? [];
  const years = [...new Set(entries.map((entry) => entry.year))].sort((a, b) => b - a);
  const ordered: Record<FacetName, { name: string; label: string; url: string; aliases: string[] }[]> = {
    unit: terms('unit').map((t) => ({ ...t, label: t.name })),
    category: terms('category').map((t) => ({ ...t, label: t.name })),
    year: years.map((year) => ({ name: String(year), label: `${year}年`, url: urls.year(year), aliases: [] })),
  };
  const values = {} as Record<FacetName, FacetValue[]>;
  for (const facet of FACETS) {
    const counts = new Map<string, number>();
    for (const entry of entries) {
      const value = FACET_VALUE[facet](entry);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    values[facet] = ordered[facet]
      .filter((value) => counts.has(value.name))
      .map((value) => ({
        name: value.name,
        label: value.label,
        url: value.url.replace(/^\//, ''),
        count: counts.get(value.name)!,
        ...(value.aliases.length > 0 ? { aliases: value.aliases } : {}),
      }));
  }
  return values;
}

const storedDoc = (item: SearchItem): StoredDoc => ({
  t: item.title,
  u: item.url.replace(/^\//, ''),
  d: item.date,
  s: item.dateText,
  n: item.unit.name,
  c: item.category.name,
  x: item.text,
});

/** A segment of the new index: its state, and the archive id of each of its entries. */
interface Placed {
  state: SegmentState;
  ids: number[];
  built: boolean;
}

/**
 * The last build's segments whose every entry is an item of this archive as it is now, with their
 * entries' archive ids; and the ids no such segment holds, ascending. A segment with an entry of
 * an item removed or changed since is left out, its other items built again: a removed or
 * corrected text must not stay on the site in a segment's files.
 */
function claim(entries: readonly Entry[], previous: readonly SegmentState[]): { kept: Placed[]; fresh: number[] } {
  const idOfKey = new Map(entries.map((entry, id) => [entry.key, id]));
  const taken = new Uint8Array(entries.length);
  const kept: Placed[] = [];
  for (const state of previous) {
    const ids = state.keys.map((key) => idOfKey.get(key) ?? -1);
    if (ids.length === 0 || ids.some((id) => id < 0 || taken[id])) continue;
    for (const id of ids) taken[id] = 1;
    kept.push({ state, ids, built: false });
  }
  return { kept, fresh: [...taken.keys()].filter((id) => !taken[id]) };
}

interface Planned {
  segments: Placed[];
  tokens: number;
  /** Bytes of the segments' files written. */
  sizes: { shards: number; docs: number };
  files: Map<string, Uint8Array>;
  linked: Map<string, string>;
}

/** The segments of the new index, the largest first: the last build's where they serve, and what is built. */
function plan(entries: readonly Entry[], previous: readonly SegmentState[], shardTarget: number): Planned {
  const files = new Map<string, Uint8Array>();
  const sizes = { shards: 0, docs: 0 };
  const linked = new Map<string, string>();
  // Every entry the last build's segments stored, whether or not its segment is kept.
  const stored = new Map(previous.flatMap((state) => state.keys.map((key, n) => [key, `${state.parts}d${n}.bin`] as const)));
  let tokens = 0;
  const build = (ids: number[]): Placed => {
    const target = Math.min(shardTarget, Math.max(SMALL_SHARD_TARGET, Math.round((shardTarget * ids.length) / entries.length)));
    const segment = buildSegment(ids.map((id) => entries[id]!), target, stored);
    for (const [name, bytes] of segment.files) files.set(name, bytes);
    for (const [name, from] of segment.linked) linked.set(name, from);
    tokens += segment.tokens;
    sizes.shards += segment.sizes.shards;
    sizes.docs += segment.sizes.docs;
    return { state: segment.state, ids, built: true };
  };
  const everything = () => ({ segments: [build([...entries.keys()])], tokens, sizes, files, linked });

  const { kept, fresh } = claim(entries, previous);
  kept.sort((a, b) => b.ids.length - a.ids.length);
  const [base, ...others] = kept;
  if (!base) return everything();
  // The largest segment takes the ids left by the others in entry order: they must ascend.
  const ascending = base.ids.every((id, n) => n === 0 || id > base.ids[n - 1]!);
  if (!ascending || entries.length - base.ids.length > Math.max(REBUILD_MIN, entries.length * REBUILD_SHARE)) return everything();
  if (others.length + (fresh.length > 0 ? 1 : 0) + 1 > MAX_SEGMENTS) {
    const merged = [...others.flatMap((segment) => segment.ids), ...fresh].sort((a, b) => a - b);
    return { segments: [base, build(merged)], tokens, sizes, files, linked };
  }
  return { segments: fresh.length > 0 ? [...kept, build(fresh)] : kept, tokens, sizes, files, linked };
}

/** A segment as the manifest describes it: its entries' ids, unless it is the first. */
function described(segment: Placed, first: boolean): Segment {
  return { parts: segment.state.parts, entries: segment.ids.length, shards: segment.state.shards, ...(first ? {} : { ids: segment.ids }) };
}

const utf8 = new TextEncoder();
const json = (value: unknown): Uint8Array => compress(utf8.encode(JSON.stringify(value)));

export function buildSearchIndex(site: SearchSource, options: IndexOptions = {}): SearchIndexFiles {
  const shardTarget = options.shardTarget ?? SHARD_TARGET;
  if (options.readings) useGb2312Readings(readCached(options.readings.dir, options.readings.name));
  // Ids in the archive's order: id 0 is the newest item.
  const items = site.newest;
  const entries = items.map((item): Entry => {
    const doc = storedDoc(item);
    return { doc, year: item.issue.year, key: entryKey(doc, item.issue.year, item.bodyKey, options.salt ?? '') };
  });
  const planned = plan(entries, options.previous ?? [], shardTarget);
  const { segments, tokens, files, linked } = planned;
  for (const segment of segments) if (!segment.built) for (const file of segmentFiles(segment.state)) linked.set(file, file);
  const sizes = { ...planned.sizes, manifest: 0, pinyin: 0 };

  const pinyin = buildPinyin(site, items, [...new Set(segments.flatMap((segment) => segment.state.rare))], shardTarget);
  const pinyinFiles = new Map<string, Uint8Array>([['pinyin.bin', json(pinyin.table)]]);
  pinyin.words.forEach((words, k) => pinyinFiles.set(`y${k}.bin`, json(words)));
  pinyin.chars.forEach((chars, k) => pinyinFiles.set(`c${k}.bin`, json(chars)));
  const pinyinFolder = `p${FORMAT_VERSION}-${folderHash(pinyinFiles)}/`;
  for (const [name, bytes] of inFolder(pinyinFolder, pinyinFiles)) {
    files.set(name, bytes);
    sizes.pinyin += bytes.length;
  }

  const manifest: Manifest = {
    version: FORMAT_VERSION,
    items: items.length,
    segments: segments.map((segment, k) => described(segment, k === 0)),
    pinyin: pinyinFolder,
    facets: facets(site, entries),
  };
  const manifestBytes = json(manifest);
  files.set('index.bin', manifestBytes);
  sizes.manifest = manifestBytes.length;
  return {
    files,
    linked,
    manifest,
    segments: segments.map((segment) => segment.state),
    sizes,
    tokens,
  };
}
