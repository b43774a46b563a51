/**
 * The engine end to end in Node: the index built from a site, read back through the client's
 * code from memory. The expected results always come from plain substring search over the
 * items' title and text, never from the index.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/content/load.ts';
import { findBodyLinks } from '../../../src/markdown/body-links.ts';
import { buildSearchIndex } from '../../../src/search/indexer.ts';
import { PAGE_SIZE, Results, SearchIndex, type Filters } from '../../../src/search/client/engine.ts';
import { buildSite } from '../../../src/site/structure.ts';
import type { ItemPage, Site } from '../../../src/site/model.ts';
import { content, issue, item, renderNow, stubRender } from '../../helpers/content.ts';
import { writeFixtureSite } from '../../fixtures/site.ts';
import { removeDir, tempDir } from '../../integration/support.ts';

async function memoryIndex(site: Site, options = {}): Promise<SearchIndex> {
  const { files } = buildSearchIndex(site, options);
  return SearchIndex.open(async (file) => {
    const bytes = files.get(file);
    if (!bytes) throw new Error(`no file ${file}`);
    return bytes;
  });
}

/** Every result, page by page, as item URLs. */
async function allResults(results: Results): Promise<string[]> {
  while (!results.done) await results.more();
  return results.hits.map((hit) => `/${hit.doc.u}`);
}

/** The answer by substring search (Latin compared in lower case), newest first. */
function truth(site: Site, q: string, filters: Filters = {}): string[] {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  const facetOf = { unit: (i: ItemPage) => i.unit.name, category: (i: ItemPage) => i.category.name, year: (i: ItemPage) => String(i.issue.year) };
  return site.newest
    .filter((i) => terms.every((t) => [i.title, i.unit.name, i.text].some((field) => field.toLowerCase().includes(t))))
    .filter((i) => Object.entries(filters).every(([facet, values]) => values.length === 0 || values.includes(facetOf[facet as keyof typeof facetOf](i))))
    .map((i) => i.url);
}

describe('the fixture site', () => {
  let dir: string;
  let site: Site;
  let index: SearchIndex;

  beforeAll(async () => {
    dir = await tempDir('search');
    await writeFixtureSite(path.join(dir, 'content'));
    const { content: loaded } = await loadContent(path.join(dir, 'content'), { findLinks: findBodyLinks, root: dir });
    site = buildSite(loaded!, renderNow);
    // Small shards, so queries cross many of them.
    index = await memoryIndex(site, { shardTarget: 512 });
  });
  afterAll(() => removeDir(dir));

  /** Substrings of every item, 1 to 8 characters from a few places, and strings no item has. */
  function queries(): string[] {
    const found = new Set<string>();
    site.newest.forEach((i, n) => {
      const text = i.text.replace(/\s+/g, '');
      for (let length = 1; length <= 8; length++) {
        for (const at of [n % 7, Math.floor(text.length / 2), text.length - length - (n % 5)]) {
          const q = [...text].slice(Math.max(0, at), Math.max(0, at) + length).join('');
          if (q) found.add(q);
        }
      }
    });
    return [...found, '链冷', '防控疫情领导', '欧阳振华同志讲话', '48小时', '8小时', '48', '4', 'led', 'LED显示屏', '2021', '区卫健委', '“就地过年”', '疫情 冷链', '核酸 98%'];
  }

  it('finds exactly the items that contain the query, newest first (hundreds of queries)', async () => {
    const qs = queries();
    expect(qs.length).toBeGreaterThan(500);
    const wrong: string[] = [];
    for (const q of qs) {
      const got = await allResults(await index.search({ q, filters: {} }));
      const expected = truth(site, q);
      if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${q}: got ${got.length}, expected ${expected.length}`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('finds nothing for words no item has, and says so exactly', async () => {
    for (const q of ['欧阳振华同志讲话', '火星探测器', 'zzz']) {
      expect(truth(site, q)).toEqual([]);
      const results = await index.search({ q, filters: {} });
      expect(await results.more()).toEqual([]);
      expect(results.done).toBe(true);
      expect(results.count).toEqual({ value: 0, approximate: false });
    }
  });

  it('filters by unit, category and year: any value within a facet, every facet', async () => {
    const cases: [string, Filters][] = [
      ['', { unit: ['济源路街道'] }],
      ['', { unit: ['济源路街道', '区卫生健康委员会'] }],
      ['疫情', { category: ['疫情防控', '民生保障'] }],
      ['', { year: ['2020'] }],
      ['', { year: ['2021', '2020'], category: ['经济发展'] }],
      ['防控', { unit: ['区市场监督管理局'], year: ['2021'] }],
      ['疫情防控', { unit: [site.config.office, '济源路街道'], category: ['疫情防控'] }],
    ];
    for (const [q, filters] of cases) {
      const expected = truth(site, q, filters);
      expect(expected.length, JSON.stringify([q, filters])).toBeGreaterThan(0);
      expect(await allResults(await index.search({ q, filters })), JSON.stringify([q, filters])).toEqual(expected);
    }
  });

  it('a year is the issue’s year: an item dated 2020-12-31 in a 2021 issue is under 2021', async () => {
    const late = site.newest.find((i) => i.date === '2020-12-31')!;
    expect(late.issue.year).toBe(2021);
    expect(await allResults(await index.search({ q: late.title, filters: { year: ['2021'] } }))).toContain(late.url);
    expect(await allResults(await index.search({ q: late.title, filters: { year: ['2020'] } }))).not.toContain(late.url);
  });

  it('matches nothing for a filter value no item has, and lists nothing for an empty query without filters', async () => {
    expect(await allResults(await index.search({ q: '疫情', filters: { unit: ['没有这个单位'] } }))).toEqual([]);
    expect(await allResults(await index.search({ q: '疫情', filters: { unit: ['没有这个单位', '济源路街道'] } }))).toEqual(truth(site, '疫情', { unit: ['济源路街道'] }));
    expect(index.knownFilters({ unit: ['没有这个单位', '济源路街道'], year: ['1999'] })).toEqual({ unit: ['济源路街道'], category: [], year: [] });
    const none = await index.search({ q: '  ', filters: {} });
    expect(await none.more()).toEqual([]);
    expect(none.done).toBe(true);
  });

  it('pages ten at a time; the count is exact for one- and two-character terms from the start', async () => {
    const expected = truth(site, '区');
    expect(expected.length).toBeGreaterThan(2 * PAGE_SIZE);
    const results = await index.search({ q: '区', filters: {} });
    expect(results.count).toEqual({ value: expected.length, approximate: false });
    expect((await results.more()).map((h) => `/${h.doc.u}`)).toEqual(expected.slice(0, PAGE_SIZE));
    expect((await results.more()).map((h) => `/${h.doc.u}`)).toEqual(expected.slice(PAGE_SIZE, 2 * PAGE_SIZE));
  });
});

describe('confirmation', () => {
  // Item a has every pair of 冷链食品 but never the four together; b has the phrase.
  const site = buildSite(
    content({
      issues: [issue('2021/01', '2021-01-08')],
      items: [
        item('2021/01', '01-a.md', { title: '甲', body: '冷链运输。链食？食品安全。', date: '2021-01-05' }),
        item('2021/01', '02-b.md', { title: '乙', body: '加强冷链食品监管。', date: '2021-01-04' }),
        item('2021/01', '03-c.md', { title: '丙', body: '食品。', date: '2021-01-03' }),
      ],
    }),
    stubRender,
  );

  it('drops a candidate that has every pair of the query but not the query itself, and then counts exactly', async () => {
    const index = await memoryIndex(site);
    const results = await index.search({ q: '冷链食品', filters: {} });
    expect(results.count).toEqual({ value: 2, approximate: true });
    const hits = await results.more();
    expect(hits.map((h) => h.doc.t)).toEqual(['乙']);
    expect(results.done).toBe(true);
    expect(results.count).toEqual({ value: 1, approximate: false });
  });

  it('finds an item by its unit’s name though its text never names it', async () => {
    const withUnit = buildSite(
      content({
        issues: [issue('2021/01', '2021-01-08')],
        items: [item('2021/01', '01-a.md', { title: '甲', body: '项目建设加快推进。', unit: '通航试验区管委会' }), item('2021/01', '02-b.md', { title: '乙', body: '正文。' })],
      }),
      stubRender,
    );
    const index = await memoryIndex(withUnit);
    const hits = await (await index.search({ q: '通航试验区', filters: {} })).more();
    expect(hits.map((h) => h.doc.t)).toEqual(['甲']);
  });

  it('shows the newest item first: ids follow the archive’s order', async () => {
    const index = await memoryIndex(site);
    const hits = await (await index.search({ q: '食品', filters: {} })).more();
    expect(hits.map((h) => h.doc.t)).toEqual(['甲', '乙', '丙']);
    expect(hits.map((h) => h.id)).toEqual([0, 1, 2]);
  });
});
