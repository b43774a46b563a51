/**
 * The index kept in segments from one build to the next: whatever the change (items added at the
 * top or in the middle, edited, removed, many merges in a row), the client reading the kept and the
 * new files answers every query as it reads an index built from nothing, a build writes only
 * what it does not keep, and no file keeps the words of an item removed or corrected.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FormatError, isGzip, type Manifest } from '../../src/search/format.ts';
import { buildSearchIndex, MAX_SEGMENTS, SMALL_SHARD_TARGET, type SearchIndexFiles, type SearchItem, type SearchSource } from '../../src/search/indexer.ts';
import { IdMap, SearchIndex } from '../../src/search/client/engine.ts';
import { isCommonHan } from '../../src/search/pinyin.ts';

const UNITS = ['济源路街道', '区卫健委', '区发改委', '区城管局'];
const CATEGORIES = ['工作动态', '基层信息'];
const PHRASES = ['冷链食品', '疫情防控', '核酸检测', '就地过年', '垃圾分类', '营商环境', '安全生产', '老旧小区改造', '志愿服务', '河长制'];

/** Stands for the key of the render job whose text is `text`: a body whose text changed has another. */
const renderKey = (text: string) => `render:${text}`;

/** Item n, dated by n (a larger n is newer), its text from a few phrases; `rare` adds a character outside GB 2312. */
function item(n: number, extra = ''): SearchItem {
  const day = new Date(Date.UTC(2020, 0, 1 + n));
  const date = day.toISOString().slice(0, 10);
  const text = `${PHRASES[(n * 3) % PHRASES.length]}，${PHRASES[(n * 7 + 1) % PHRASES.length]}。共${n % 13}人参加。${extra}`;
  return {
    title: `${PHRASES[n % PHRASES.length]}第${n}号信息${extra}`,
    url: `/${day.getUTCFullYear()}/${String(n).padStart(4, '0')}/`,
    date,
    dateText: `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`,
    text,
    bodyKey: renderKey(text),
    unit: { name: UNITS[n % UNITS.length]! },
    category: { name: CATEGORIES[n % CATEGORIES.length]! },
    issue: { year: day.getUTCFullYear() },
  };
}

/** The archive of these items, newest first (larger n first). */
function source(items: readonly SearchItem[]): SearchSource {
  const newest = [...items].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const terms = (names: readonly string[], of: (i: SearchItem) => string) => names.map((name) => ({ name, url: `/x/${name}/`, aliases: [], count: items.filter((i) => of(i) === name).length }));
  return {
    newest,
    termIndexes: [
      { url: '/units/', kind: 'unit', title: '来源单位', terms: terms(UNITS, (i) => i.unit.name) },
      { url: '/categories/', kind: 'category', title: '栏目', terms: terms(CATEGORIES, (i) => i.category.name) },
    ] as SearchSource['termIndexes'],
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => item(from + i));

/** The output folder after each build: the files a build writes, beside those it keeps from the last. */
class Output {
  files = new Map<string, Uint8Array>();
  last: SearchIndexFiles | undefined;

  build(items: readonly SearchItem[], order = (newest: SearchItem[]) => newest): SearchIndexFiles {
    const site = source(items);
    const index = buildSearchIndex({ ...site, newest: order([...site.newest]) }, { shardTarget: 256, previous: this.last?.segments ?? [] });
    const next = new Map<string, Uint8Array>();
    for (const [file, from] of index.linked) {
      // Only files of the last build are linked.
      expect(this.files.has(from), from).toBe(true);
      next.set(file, this.files.get(from)!);
    }
    for (const [file, bytes] of index.files) {
      expect(next.has(file), `${file} written over a linked file`).toBe(false);
      next.set(file, bytes);
    }
    this.files = next;
    this.last = index;
    return index;
  }
}

const open = (files: ReadonlyMap<string, Uint8Array>) =>
  SearchIndex.open(async (file) => {
    const bytes = files.get(file);
    if (!bytes) throw new Error(`no file ${file}`);
    return bytes;
  });

const QUERIES = [...PHRASES, '冷', '链食', '第1', '号信息', '人参加', '堃', '改', 'x'];
const FILTERS = [{}, { unit: [UNITS[0]!] }, { category: [CATEGORIES[1]!], year: ['2020'] }, { unit: [UNITS[1]!, UNITS[2]!] }];

/** Every query's results, in order, as (id, URL), and every stored item by id. */
async function answers(index: SearchIndex) {
  const found: string[] = [];
  for (const q of QUERIES) {
    for (const filters of FILTERS) {
      const results = await index.search({ q, filters });
      while (!results.done) await results.more();
      found.push(`${q} ${JSON.stringify(filters)}: ${results.hits.map((hit) => `${hit.id}=${hit.doc.u}`).join(' ')}`);
    }
  }
  const docs = await Promise.all(Array.from({ length: index.manifest.items }, (_, id) => index.doc(id)));
  return { found, docs, facets: index.manifest.facets, pinyin: index.manifest.pinyin };
}

/** Every file of the output as text (shards hold their tokens in UTF-8). */
const published = (output: Output) => [...output.files.values()].map((bytes) => (isGzip(bytes) ? gunzipSync(bytes) : Buffer.from(bytes)).toString('utf8')).join('\n');

/** The output read through the client answers as an index built from nothing does. */
async function expectAsFresh(output: Output, items: readonly SearchItem[], order = (newest: SearchItem[]) => newest): Promise<void> {
  const site = source(items);
  const fresh = buildSearchIndex({ ...site, newest: order([...site.newest]) }, { shardTarget: 256 });
  expect(await answers(await open(output.files))).toEqual(await answers(await open(fresh.files)));
}

describe('buildSearchIndex with the last build’s segments', () => {
  it('adds an item as one small segment, writes only it, the pinyin files and the manifest, and answers as a fresh index', async () => {
    const output = new Output();
    const items = range(0, 200);
    const first = output.build(items);
    expect(first.manifest.segments).toHaveLength(1);
    expect(first.linked.size).toBe(0);
    items.push(item(200));
    const merge = output.build(items);
    const [base, added] = merge.manifest.segments;
    expect(merge.manifest.segments).toHaveLength(2);
    expect(base!.parts).toBe(first.manifest.segments[0]!.parts);
    expect(added).toMatchObject({ entries: 1, ids: [0] });
    const written = [...merge.files.keys()].filter((file) => !file.startsWith(merge.manifest.pinyin));
    expect(written.sort()).toEqual(['index.bin', ...[...merge.files.keys()].filter((file) => file.startsWith(added!.parts))].sort());
    expect(merge.files.has(`${added!.parts}d0.bin`)).toBe(true);
    // The files of the segment kept, each under its own name.
    expect(merge.linked.size).toBeGreaterThan(200);
    expect([...merge.linked].every(([file, from]) => file === from)).toBe(true);
    await expectAsFresh(output, items);
  });

  it('builds again a segment that holds an edited or removed item, so its old words are in no file, and places an item added in the middle', async () => {
    const output = new Output();
    let items = range(0, 150);
    const first = output.build(items);
    // Added, then corrected: the segment of the added item goes, the first one stays.
    items.push(item(150, '旧说法鑫淼'));
    output.build(items);
    items[150] = { ...items[150]!, title: `${item(150).title}新说法`, text: `${item(150).text}新说法`, bodyKey: renderKey(`${item(150).text}新说法`) };
    let index = output.build(items);
    expect(index.manifest.segments.map((segment) => segment.parts)[0]).toBe(first.manifest.segments[0]!.parts);
    expect(index.manifest.segments.map((segment) => segment.entries)).toEqual([150, 1]);
    expect(published(output)).toContain('新说法');
    expect(published(output)).not.toContain('鑫淼');
    await expectAsFresh(output, items);
    // Removed from the first segment: it is built again, without the item's words, its other
    // items' stored files taken from the last segments under their new names, none compressed again.
    const removed = items[7]!;
    items = items.filter((_, n) => n !== 7);
    index = output.build(items);
    expect(index.manifest.segments.map((segment) => segment.entries)).toEqual([150]);
    expect([...index.files.keys()].filter((file) => /\/d\d+\.bin$/.test(file))).toEqual([]);
    expect([...index.linked].filter(([file, from]) => file !== from)).toHaveLength(150);
    expect(published(output)).not.toContain(removed.url.slice(1));
    await expectAsFresh(output, items);
    // An item dated among the old ones: its id is in the middle of the archive, and ids after it shift.
    items.push({ ...item(75), url: '/2020/0075b/', title: '补登的一条信息' });
    index = output.build(items);
    expect(index.manifest.segments).toHaveLength(2);
    expect(index.manifest.segments[1]!.ids).toEqual([source(items).newest.findIndex((i) => i.url === '/2020/0075b/')]);
    await expectAsFresh(output, items);
    // Two items of the first segment trade places, their text unchanged: its entries would no longer ascend.
    const swapped = (newest: SearchItem[]) => [...newest.slice(0, 40), newest[41]!, newest[40]!, ...newest.slice(42)];
    index = output.build(items, swapped);
    expect(index.manifest.segments).toHaveLength(1);
    expect(index.manifest.segments[0]!.parts).not.toBe(first.manifest.segments[0]!.parts);
    await expectAsFresh(output, items, swapped);
  });

  it('keeps at most MAX_SEGMENTS segments over many merges, builds all again past the share of scattered entries, and always answers as fresh', async () => {
    const output = new Output();
    const items = range(0, 400);
    const first = output.build(items).manifest.segments[0]!.parts;
    const counts: number[] = [];
    let rebuilt = false;
    for (let merge = 0; merge < 24; merge++) {
      // Three added, and every fourth merge one of the last merge's corrected.
      if (merge % 4 === 3) items[items.length - 2] = { ...items.at(-2)!, title: `${items.at(-2)!.title}（更正）` };
      items.push(item(400 + 3 * merge), item(401 + 3 * merge), item(402 + 3 * merge));
      const index = output.build(items);
      counts.push(index.manifest.segments.length);
      if (index.manifest.segments[0]!.parts !== first) rebuilt = true;
      expect(index.manifest.items).toBe(items.length);
      if (merge % 6 === 5) await expectAsFresh(output, items);
    }
    expect(Math.max(...counts)).toBe(MAX_SEGMENTS);
    // 72 items added over 24 merges pass REBUILD_MIN (64) on 472 items: built again at least once.
    expect(rebuilt).toBe(true);
    await expectAsFresh(output, items);
  });

  it('cuts a small segment into small shards, so that it adds little to each token a query fetches', () => {
    const items = range(0, 400);
    const first = buildSearchIndex(source(items));
    // A long item: about 600 characters, each pair of them its own token.
    items.push(item(400, Array.from({ length: 600 }, (_, k) => String.fromCodePoint(0x4e00 + ((k * 37) % 6000))).join('')));
    const merge = buildSearchIndex(source(items), { previous: first.segments });
    const rawShards = (parts: string) => [...merge.files].filter(([file]) => file.startsWith(`${parts}t`)).map(([, bytes]) => (isGzip(bytes) ? gunzipSync(bytes) : bytes).length);
    const added = merge.manifest.segments.at(-1)!;
    expect(added.entries).toBe(1);
    expect(rawShards(added.parts).length).toBeGreaterThan(1);
    expect(Math.max(...rawShards(added.parts))).toBeLessThan(2 * SMALL_SHARD_TARGET);
    const base = buildSearchIndex(source(items)).files;
    expect(Math.max(...[...base].filter(([file]) => /\/t\d+\.bin$/.test(file)).map(([, bytes]) => gunzipSync(bytes).length))).toBeGreaterThan(4 * SMALL_SHARD_TARGET);
  });

  it('keeps no segment built by another version of the code: a body is known by its render key, which holds only within one', () => {
    const items = range(0, 100);
    const first = buildSearchIndex(source(items), { salt: 'code-1' });
    items.push(item(100));
    expect(buildSearchIndex(source(items), { previous: first.segments, salt: 'code-1' }).manifest.segments.map((segment) => segment.parts)[0]).toBe(first.manifest.segments[0]!.parts);
    const upgraded = buildSearchIndex(source(items), { previous: first.segments, salt: 'code-2' });
    expect(upgraded.manifest.segments.map((segment) => segment.entries)).toEqual([101]);
    expect(upgraded.linked.size).toBe(0);
  });

  it('builds again the segment of an item whose render key changed, its text as stored being the same', () => {
    const items = range(0, 100);
    const first = buildSearchIndex(source(items));
    items[40] = { ...items[40]!, bodyKey: 'render:the same text, rendered by a job with another link target' };
    const next = buildSearchIndex(source(items), { previous: first.segments });
    expect(next.manifest.segments[0]!.parts).not.toBe(first.manifest.segments[0]!.parts);
  });

  it('gives the pinyin table a character outside GB 2312 only while an item has it', async () => {
    expect(isCommonHan('堃')).toBe(false);
    const output = new Output();
    const items = [...range(0, 30), item(30, '王堃')];
    const withIt = output.build(items);
    expect(withIt.segments[0]!.rare).toEqual(['堃']);
    items.pop();
    const without = output.build(items);
    expect(without.segments.flatMap((segment) => segment.rare)).toEqual([]);
    expect(without.manifest.pinyin).not.toBe(withIt.manifest.pinyin);
    await expectAsFresh(output, items);
  });
});

describe('IdMap', () => {
  const manifest = (segments: Manifest['segments'], items: number): Manifest => ({ version: 3, items, segments, pinyin: 'p/', facets: { unit: [], category: [], year: [] } });

  it('gives the first segment the ids the others leave, in entry order', () => {
    const ids = new IdMap(manifest([{ parts: 'a/', entries: 3, shards: [''] }, { parts: 'b/', entries: 2, shards: [''], ids: [4, 0] }], 5));
    expect([...ids.ids[0]!]).toEqual([1, 2, 3]);
    expect([...ids.ids[1]!]).toEqual([4, 0]);
    expect([...ids.segment]).toEqual([1, 0, 0, 0, 1]);
    expect([...ids.entry]).toEqual([1, 0, 1, 2, 0]);
  });

  it('refuses a manifest whose segments do not cover the ids exactly once', () => {
    expect(() => new IdMap(manifest([{ parts: 'a/', entries: 2, shards: [''] }], 3))).toThrow(FormatError);
    expect(() => new IdMap(manifest([{ parts: 'a/', entries: 2, shards: [''] }, { parts: 'b/', entries: 1, shards: [''], ids: [1] }], 2))).toThrow(FormatError);
    expect(() => new IdMap(manifest([{ parts: 'a/', entries: 1, shards: [''] }, { parts: 'b/', entries: 2, shards: [''], ids: [1] }], 3))).toThrow(FormatError);
  });
});
