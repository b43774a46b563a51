/**
 * What the search page offers beside the results: filters for named units and categories,
 * pinyin typed for characters, homophones and close names. Built from a site through the
 * indexer, read back through the client's code from memory, as the browser would.
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../src/search/client/engine.ts';
import { closeFacets, editDistance, namedFacets } from '../../../src/search/client/suggest.ts';
import { buildSearchIndex } from '../../../src/search/indexer.ts';
import { buildSite } from '../../../src/site/structure.ts';
import { content, issue, item, stubRender } from '../../helpers/content.ts';

const ITEMS = [
  { title: '冷链食品专项检查', unit: '济源路街道', category: '疫情防控' },
  { title: '加强冷链物流管理', unit: '中心路街道', category: '疫情防控' },
  { title: '通航试验区推进项目建设', unit: '通航试验区管委会', category: '项目建设' },
  { title: '西安路口改造', unit: '中心路街道', category: '基层动态' },
  { title: '冷藏车辆登记', unit: '中心路街道', category: '疫情防控' },
  { title: '先进个人表彰', unit: '济源路街道', category: '基层动态' },
];
const site = buildSite(
  content({ issues: [issue('2021/03', '2021-01-25')], items: ITEMS.map((fields, i) => item('2021/03', `0${i + 1}-x.md`, { ...fields, date: '2021-01-25', body: '正文。' })) }),
  stubRender,
);
const { files } = buildSearchIndex(site, { shardTarget: 128 });
const opened: string[] = [];
const index = await SearchIndex.open(async (file) => {
  opened.push(file);
  return files.get(file)!;
});
const words = await index.pinyin();

describe('namedFacets', () => {
  it('offers the filter of a unit or category a term names, by name or alias', () => {
    expect(namedFacets('济源路街道', index.manifest)).toEqual([{ facet: 'unit', name: '济源路街道', term: '济源路街道' }]);
    expect(namedFacets('通航试验区 冷链', index.manifest)).toEqual([{ facet: 'unit', name: '通航试验区管委会', term: '通航试验区' }]);
    expect(namedFacets('疫情防控', index.manifest)).toEqual([{ facet: 'category', name: '疫情防控', term: '疫情防控' }]);
  });

  it('offers nothing for a part of a name, or a word that names nothing', () => {
    expect(namedFacets('济源路', index.manifest)).toEqual([]);
    expect(namedFacets('冷链', index.manifest)).toEqual([]);
  });
});

describe('closeFacets', () => {
  it('finds a name one character off, and a long one two off', () => {
    expect(closeFacets('济源路街到', index.manifest)).toEqual([{ facet: 'unit', name: '济源路街道', term: '济源路街到' }]);
    expect(closeFacets('通航实验区管委', index.manifest)).toEqual([{ facet: 'unit', name: '通航试验区管委会', term: '通航实验区管委' }]);
    expect(closeFacets('疫情防空', index.manifest)).toEqual([{ facet: 'category', name: '疫情防控', term: '疫情防空' }]);
  });

  it('finds nothing for short terms, exact names, or names far off', () => {
    expect(closeFacets('街到', index.manifest)).toEqual([]);
    expect(closeFacets('济源路街道', index.manifest)).toEqual([]);
    expect(closeFacets('火星探测器', index.manifest)).toEqual([]);
  });

  it('measures edit distance by character, and gives up past the limit', () => {
    expect(editDistance('通航试验区', '通航实验区', 2)).toBe(1);
    expect(editDistance('冷链', '链冷', 2)).toBe(2);
    expect(editDistance('abc', 'xyzabc', 2)).toBe(3);
  });
});

describe('pinyin typed for characters', () => {
  it('loads the pinyin table only when asked', async () => {
    const fresh: string[] = [];
    const other = await SearchIndex.open(async (file) => (fresh.push(file), files.get(file)!));
    await other.search({ q: '冷链', filters: {} });
    expect(fresh.some((file) => file.includes('pinyin') || /\/y\d+\.bin$/.test(file))).toBe(false);
    expect(opened.some((file) => file.endsWith('pinyin.bin'))).toBe(true);
  });

  it('splits pinyin into the fewest syllables, an apostrophe forcing a break', () => {
    expect(words.split('lenglian')).toEqual(['leng', 'lian']);
    expect(words.split('xian')).toEqual(['xian']);
    expect(words.split("xi'an")).toEqual(['xi', 'an']);
    expect(words.split('lenglianq')).toBeUndefined();
  });

  it('spells a word of the archive: lenglian → 冷链, tonghangshiyanqu → 通航试验区', async () => {
    expect(await words.fromPinyin('lenglian')).toBe('冷链');
    expect(await words.fromPinyin('LengLian')).toBe('冷链');
    expect(await words.fromPinyin('leng lian')).toBe('冷链');
    expect(await words.fromPinyin('tonghangshiyanqu')).toBe('通航试验区');
    expect(await words.fromPinyin("xi'an")).toBe('西安');
  });

  it('keeps the terms in characters and spells the rest', async () => {
    expect(await words.fromPinyin('lenglian 检查')).toBe('冷链 检查');
  });

  it('spells nothing that is not the archive’s: a single syllable, letters that are not pinyin, words it lacks', async () => {
    expect(await words.fromPinyin('leng')).toBeUndefined();
    expect(await words.fromPinyin('led')).toBeUndefined();
    expect(await words.fromPinyin('huoxing')).toBeUndefined();
    expect(await words.fromPinyin('冷链')).toBeUndefined();
  });

  it('finds the items of the word spelled', async () => {
    const results = await index.search({ q: (await words.fromPinyin('lenglian'))!, filters: {} });
    expect((await results.more()).map((hit) => hit.doc.t).sort()).toEqual(['冷链食品专项检查', '加强冷链物流管理'].sort());
  });
});

describe('homophones', () => {
  it('offers the archive’s word read as the term: 冷连 → 冷链, 先近 → 先进', async () => {
    expect(await words.homophone('冷连')).toBe('冷链');
    expect(await words.homophone('先近')).toBe('先进');
    expect(await words.homophone('冷连 检查')).toBe('冷链 检查');
  });

  it('respells terms of up to six characters: a word or a name, not a phrase', async () => {
    expect(await words.homophone('冷连食品专')).toBe('冷链食品专');
    expect(await words.homophone('加强冷连物流管理')).toBeUndefined();
  });

  it('offers nothing for a word the archive has, or one it cannot read', async () => {
    expect(await words.homophone('冷链')).toBeUndefined();
    expect(await words.homophone('冷')).toBeUndefined();
    expect(await words.homophone('火星')).toBeUndefined();
  });
});
