/// <reference lib="dom" />
/**
 * The search engine of the browser client, free of the DOM so tests and the benchmark run the
 * same code under Node. It fetches only what a query needs: the manifest once, the shards of the
 * query's tokens (one in each segment), and the stored items of the results shown.
 *
 * A query is terms (all must occur) and facet filters (any value within a facet, all facets).
 * Candidates = AND of the term tokens' id sets, AND the OR of each filtered facet's values.
 * A term of one or two word characters is decided by its token alone; any longer term is
 * confirmed by substring search on each candidate's stored text before it is shown.
 */
import { Bitset } from '../bitset.ts';
import {
  decodeShard,
  facetToken,
  FACETS,
  forEachId,
  FORMAT_VERSION,
  FormatError,
  isGzip,
  searchableText,
  shardOf,
  type FacetName,
  type CharShard,
  type Manifest,
  type PinyinShard,
  type PinyinTable,
  type ShardList,
  type StoredDoc,
} from '../format.ts';
import { fold, planTerm, queryTerms, type TermPlan } from '../tokenize.ts';
import { PinyinWords } from './suggest.ts';

/** Reads a file of the index by its path relative to the manifest's folder. `fresh`: revalidate, never a stale copy. */
export type Loader = (path: string, fresh: boolean) => Promise<Uint8Array>;

export type Filters = Partial<Record<FacetName, readonly string[]>>;

export interface Query {
  q: string;
  filters: Filters;
}

export interface Hit {
  id: number;
  doc: StoredDoc;
}

/** Results shown per page, and per "load more". */
export const PAGE_SIZE = 10;
/** Candidates confirmed at most per page, so a term that is everywhere but rarely whole cannot hold a page for long. */
export const MAX_CHECKS_PER_PAGE = 200;
/** Id sets kept in memory: a few hundred queries' worth. */
const CACHED_SETS = 512;

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A loader over HTTP for the index whose manifest is at `manifestUrl`. */
export function httpLoader(manifestUrl: URL): Loader {
  return async (path, fresh) => {
    const response = await fetch(new URL(path, manifestUrl), fresh ? { cache: 'no-cache' } : {});
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** `cache`'s promise for `key`, started by `load` the first time; a failure is forgotten, to be tried again. */
function once<K, T>(cache: Map<K, Promise<T>>, key: K, load: () => Promise<T>): Promise<T> {
  let loading = cache.get(key);
  if (!loading) {
    loading = load();
    loading.catch(() => cache.delete(key));
    cache.set(key, loading);
  }
  return loading;
}

/** Where the archive's ids lie in the segments, from the manifest (format.ts, `Segment`). */
export class IdMap {
  /** Per segment: entry → archive id. */
  readonly ids: Int32Array[];
  /** Per archive id: its segment, and its entry there. */
  readonly segment: Uint16Array;
  readonly entry: Uint32Array;

  constructor(manifest: Manifest) {
    const { items, segments } = manifest;
    this.segment = new Uint16Array(items);
    this.entry = new Uint32Array(items);
    this.ids = segments.map((segment) => new Int32Array(segment.entries));
    const placed = new Uint8Array(items);
    const place = (k: number, n: number, id: number) => {
      if (!(id >= 0 && id < items) || placed[id]) throw new FormatError(`segment ${k}: id ${id} out of range or given twice`);
      placed[id] = 1;
      this.segment[id] = k;
      this.entry[id] = n;
      this.ids[k]![n] = id;
    };
    segments.forEach((segment, k) => {
      if (k === 0) return;
      if (segment.ids?.length !== segment.entries) throw new FormatError(`segment ${k}: ${segment.entries} entries, ${segment.ids?.length ?? 0} ids`);
      segment.ids.forEach((id, n) => place(k, n, id));
    });
    for (let n = 0, id = 0; n < (segments[0]?.entries ?? 0); n++) {
      while (placed[id]) id++;
      place(0, n, id);
    }
    if (placed.some((done) => !done)) throw new FormatError('ids without an entry');
  }
}

export class SearchIndex {
  private readonly shards = new Map<string, Promise<Map<string, ShardList>>>();
  private readonly docs = new Map<number, Promise<StoredDoc>>();
  private readonly sets = new Map<string, Bitset>();
  private readonly pinyinWords = new Map<'table', Promise<PinyinWords>>();
  private readonly ids: IdMap;

  private constructor(
    readonly manifest: Manifest,
    private readonly load: Loader,
  ) {
    this.ids = new IdMap(manifest);
  }

  static async open(load: Loader): Promise<SearchIndex> {
    const manifest = JSON.parse(new TextDecoder().decode(await SearchIndex.read(load, 'index.bin', true))) as Manifest;
    if (manifest.version !== FORMAT_VERSION) throw new FormatError(`index format ${manifest.version}, client reads ${FORMAT_VERSION}`);
    return new SearchIndex(manifest, load);
  }

  private static async read(load: Loader, path: string, fresh = false): Promise<Uint8Array> {
    const bytes = await load(path, fresh);
    return isGzip(bytes) ? gunzip(bytes) : bytes;
  }

  private shard(file: string): Promise<Map<string, ShardList>> {
    return once(this.shards, file, () => SearchIndex.read(this.load, file).then(decodeShard));
  }

  /** The ids of a token (empty when no item has it): its list in every segment. */
  async set(token: string): Promise<Bitset> {
    const cached = this.sets.get(token);
    if (cached) return cached;
    const lists = await Promise.all(this.manifest.segments.map((segment) => this.shard(`${segment.parts}t${shardOf(segment.shards, token)}.bin`).then((shard) => shard.get(token))));
    const set = new Bitset(this.manifest.items);
    lists.forEach((list, k) => {
      const ids = this.ids.ids[k]!;
      if (list) forEachId(list, (n) => set.add(ids[n]!));
    });
    if (this.sets.size >= CACHED_SETS) this.sets.delete(this.sets.keys().next().value!);
    this.sets.set(token, set);
    return set;
  }

  doc(id: number): Promise<StoredDoc> {
    if (!(id >= 0 && id < this.manifest.items)) return Promise.reject(new FormatError(`no item ${id}`));
    const segment = this.manifest.segments[this.ids.segment[id]!]!;
    return once(this.docs, id, () => this.json<StoredDoc>(`${segment.parts}d${this.ids.entry[id]!}.bin`));
  }

  private json<T>(file: string): Promise<T> {
    return SearchIndex.read(this.load, file).then((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as T);
  }

  /** The archive's words by reading, loaded at the first query that needs them (pinyin typed, or nothing found). */
  pinyin(): Promise<PinyinWords> {
    return once(this.pinyinWords, 'table', () => {
      const words = new Map<number, Promise<PinyinShard>>();
      const chars = new Map<number, Promise<CharShard>>();
      const folder = this.manifest.pinyin;
      const loaders = {
        words: (k: number) => once(words, k, () => this.json<PinyinShard>(`${folder}y${k}.bin`)),
        chars: (k: number) => once(chars, k, () => this.json<CharShard>(`${folder}c${k}.bin`)),
      };
      return this.json<PinyinTable>(`${folder}pinyin.bin`).then((table) => new PinyinWords(table, loaders));
    });
  }

  /** Filters limited to values the index knows, in its order (the page drops unknown ones from the URL). */
  knownFilters(filters: Filters): Record<FacetName, string[]> {
    const known = {} as Record<FacetName, string[]>;
    for (const facet of FACETS) {
      const wanted = new Set(filters[facet] ?? []);
      known[facet] = this.manifest.facets[facet].filter((value) => wanted.has(value.name)).map((value) => value.name);
    }
    return known;
  }

  async search(query: Query): Promise<Results> {
    const terms = queryTerms(query.q).map(planTerm);
    // A value no item has matches nothing, like any filter value.
    const filters = query.filters;
    const active = FACETS.filter((facet) => (filters[facet]?.length ?? 0) > 0);
    const tokens = [...new Set(terms.flatMap((term) => term.tokens))];
    if (terms.length === 0 && active.length === 0) return new Results(this, terms, new Bitset(this.manifest.items));
    // Every shard at once: one round trip however many tokens.
    const [termSets, facetSets] = await Promise.all([
      Promise.all(tokens.map((token) => this.set(token))),
      Promise.all(active.map((facet) => Promise.all(filters[facet]!.map((value) => this.set(facetToken(facet, value)))))),
    ]);
    const candidates = Bitset.full(this.manifest.items);
    for (const set of termSets) candidates.and(set);
    for (const values of facetSets) candidates.and(values.reduce((any, set) => any.or(set), new Bitset(this.manifest.items)));
    return new Results(this, terms, candidates);
  }
}

/** Whether a stored item contains every term (terms folded). */
export function confirm(doc: StoredDoc, terms: readonly TermPlan[]): boolean {
  const text = fold(searchableText(doc.t, doc.n, doc.x));
  return terms.every((term) => text.includes(term.term));
}

/** The results of one query, shown a page at a time, newest first. */
export class Results {
  /** Confirmed hits shown so far, in order. */
  readonly hits: Hit[] = [];
  /** True when the id sets alone decide every term: the candidates are the results. */
  readonly exact: boolean;
  private readonly total: number;
  /** Next candidate id to look at; -1 when all have been. */
  private cursor: number;
  private checked = 0;
  private rejected = 0;
  /** Confirmed hits not yet shown. */
  private readonly buffer: Hit[] = [];

  constructor(
    private readonly index: SearchIndex,
    readonly terms: readonly TermPlan[],
    private readonly candidates: Bitset,
  ) {
    this.exact = terms.every((term) => term.exact);
    this.total = candidates.count();
    this.cursor = candidates.next(0);
  }

  /** All results have been shown. */
  get done(): boolean {
    return this.cursor < 0 && this.buffer.length === 0;
  }

  /**
   * How many results there are. Exact unless `approximate`: then some candidates are still to be
   * confirmed, and `value` counts them as results (an upper bound).
   */
  get count(): { value: number; approximate: boolean } {
    return { value: this.total - this.rejected, approximate: !this.exact && this.checked < this.total };
  }

  /** Looks at up to `n` more candidates; the confirmed ones go to the buffer. */
  private async check(n: number): Promise<void> {
    const batch: number[] = [];
    for (; batch.length < n && this.cursor >= 0; this.cursor = this.candidates.next(this.cursor + 1)) batch.push(this.cursor);
    const docs = await Promise.all(batch.map((id) => this.index.doc(id)));
    docs.forEach((doc, i) => {
      if (this.exact || confirm(doc, this.terms)) this.buffer.push({ id: batch[i]!, doc });
      else this.rejected++;
    });
    this.checked += batch.length;
  }

  /** The next `n` hits (fewer when the candidates run out or a page's checks are spent). */
  async more(n = PAGE_SIZE): Promise<Hit[]> {
    for (let checks = 0; this.buffer.length < n && this.cursor >= 0 && checks < MAX_CHECKS_PER_PAGE; checks += n) {
      await this.check(n - this.buffer.length);
    }
    // A remainder of less than a page is confirmed now: the count is then exact, and "load more"
    // is offered only when there is more to show.
    if (!this.exact && this.cursor >= 0 && this.total - this.checked <= n) await this.check(n);
    const found = this.buffer.splice(0, n);
    this.hits.push(...found);
    return found;
  }
}
