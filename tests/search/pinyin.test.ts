/** The pinyin table of the search index: readings of the archive's words, in shards by key. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import iconv from 'iconv-lite';
import { pinyin as pinyinPro } from 'pinyin-pro';
import { describe, expect, it, vi } from 'vitest';
import type { CharShard, PinyinShard } from '../../src/search/format.ts';
import { readCached } from '../../src/cache/store.ts';
import { buildPinyin, gb2312Readings } from '../../src/search/pinyin.ts';
import { readingsIn, saveReadings } from '../../src/search/write.ts';
import { buildSite } from '../../src/site/structure.ts';
import { content, issue, item, stubRender } from '../helpers/content.ts';

const TITLES = ['冷链食品专项检查', '加强冷链物流管理', '银行网点疫情防控', '通航试验区推进项目', '冷链追溯'];
const site = buildSite(
  content({ issues: [issue('2021/03', '2021-01-25')], items: TITLES.map((title, i) => item('2021/03', `0${i + 1}-x.md`, { title, date: '2021-01-25', ...(i === 0 ? { unit: '济源路街道' } : {}) })) }),
  stubRender,
);
const pinyin = (shardTarget = 1 << 20, chars = ['冷', '銀']) => buildPinyin(site, site.newest, chars, shardTarget);
const allWords = (shards: PinyinShard[]) => Object.assign({}, ...shards) as PinyinShard;

describe('buildPinyin', () => {
  it('keys each pair of neighbouring characters of titles by its toneless reading, counting titles', () => {
    const words = allWords(pinyin().words);
    expect(words['leng lian']).toEqual([['冷链', 3]]);
    expect(words['shi pin']).toEqual([['食品', 1]]);
  });

  it('reads a word as a whole: 银行 is yin hang, not yin xing', () => {
    const words = allWords(pinyin().words);
    expect(words['yin hang']).toEqual([['银行', 1]]);
    expect(words['yin xing']).toBeUndefined();
  });

  it('takes the names and aliases of units and categories with items, weighted by their items', () => {
    const words = allWords(pinyin().words);
    // 济源路办事处 is an alias of 济源路街道 (the helpers' units), which has one item.
    expect(words['ban shi']).toEqual([['办事', 1]]);
    // 通航试验区管委会 has none: its name counts only from the title that holds it.
    expect(words['guan wei']).toBeUndefined();
    expect(words['tong hang']).toEqual([['通航', 1]]);
    // 疫情防控 is the category of all five items and in one title.
    expect(words['yi qing']).toEqual([['疫情', 6]]);
  });

  it('gives the reading of GB 2312’s characters and those it is given, in shards by character, and lists the syllables its words use', () => {
    const { table, chars } = pinyin();
    expect(chars.length).toBeGreaterThan(10);
    expect(table.chars).toHaveLength(chars.length);
    expect(table.chars[0]).toBe('');
    const readingOf = new Map<string, string>();
    chars.forEach((shard: CharShard, k) => {
      const inShard = Object.entries(shard).flatMap(([reading, group]) => [...group].map((char) => [char, reading] as const));
      for (const [char, reading] of inShard) readingOf.set(char, reading);
      // Every character of shard k sorts from its first key up to the next shard's.
      for (const [char] of inShard) {
        if (k > 0) expect(char >= table.chars[k]!).toBe(true);
        if (k + 1 < chars.length) expect(char < table.chars[k + 1]!).toBe(true);
      }
    });
    expect(Object.fromEntries(['冷', '链', '连', '銀', '楞'].map((char) => [char, readingOf.get(char)]))).toEqual({ 冷: 'leng', 链: 'lian', 连: 'lian', 銀: 'yin', 楞: 'leng' });
    expect(readingOf.size).toBeGreaterThanOrEqual(6763);
    expect(table.syllables).toContain('leng');
    expect(table.syllables).toEqual([...table.syllables].sort());
    expect(new Set(table.syllables).size).toBe(table.syllables.length);
  });

  it('splits the words into shards in key order, the first key of each in the table', () => {
    const { table, words } = pinyin(64);
    expect(words.length).toBeGreaterThan(2);
    expect(table.words).toHaveLength(words.length);
    expect(table.words[0]).toBe('');
    words.forEach((shard, k) => {
      const keys = Object.keys(shard);
      if (k > 0) expect(keys[0]).toBe(table.words[k]);
      expect(keys).toEqual([...keys].sort());
      if (k > 0) expect(keys[0]! > Object.keys(words[k - 1]!).at(-1)!).toBe(true);
    });
    expect(allWords(words)).toEqual(allWords(pinyin().words));
  });
});

describe('gb2312Readings', () => {
  it('reads each of GB 2312’s 6,763 characters as pinyin-pro reads it alone, though read in one call', () => {
    const alone = new Map<string, string>();
    for (let high = 0xb0; high <= 0xf7; high++) {
      for (let low = 0xa1; low <= 0xfe; low++) {
        const char = iconv.decode(Buffer.from([high, low]), 'gb2312');
        if (!/^\p{Script=Han}$/u.test(char)) continue;
        const [reading] = pinyinPro(char, { toneType: 'none', type: 'array', v: true });
        if (reading && /^[a-z]+$/.test(reading)) alone.set(char, reading);
      }
    }
    expect(alone.size).toBe(6763);
    // Characters a word beside them would read otherwise: 行 (银行 hang), 长 (长大 zhang), 重 (重庆 chong); 女 as nv.
    expect(['行', '长', '重', '女'].map((char) => gb2312Readings().get(char))).toEqual(['xing', 'chang', 'zhong', 'nv']);
    expect(gb2312Readings()).toEqual(alone);
  });
});

describe('GB 2312’s readings kept in the build cache', () => {
  /** The pinyin module as a new process loads it: no table made yet. */
  const freshModule = async () => {
    vi.resetModules();
    return import('../../src/search/pinyin.ts');
  };
  const cacheDir = () => mkdtempSync(path.join(os.tmpdir(), 'bulletin-pinyin-'));

  it('are saved once for a version of the code, other versions’ removed, and a later process takes them from there', async () => {
    const dir = cacheDir();
    writeFileSync(path.join(dir, 'pinyin-older-version.bin'), serialize(gb2312Readings()));
    const { name } = readingsIn(dir);
    await saveReadings(dir);
    expect(readdirSync(dir)).toEqual([name]);
    expect(deserialize(readFileSync(path.join(dir, name)))).toEqual(gb2312Readings());
    const inode = statSync(path.join(dir, name)).ino;
    await saveReadings(dir);
    expect(statSync(path.join(dir, name)).ino).toBe(inode);
    // What a later process reads is what it uses: a table planted in the file shows.
    writeFileSync(path.join(dir, name), serialize(new Map(gb2312Readings()).set('中', 'planted')));
    const later = await freshModule();
    later.useGb2312Readings(readCached(dir, name));
    expect(later.gb2312Readings().get('中')).toBe('planted');
    rmSync(dir, { recursive: true });
  });

  it('are neither used nor kept when the file is not a whole table', async () => {
    const dir = cacheDir();
    const { name } = readingsIn(dir);
    for (const bytes of [serialize(new Map([['中', 'zhong']])), Buffer.from('not a table')]) {
      writeFileSync(path.join(dir, name), bytes);
      const fresh = await freshModule();
      fresh.useGb2312Readings(readCached(dir, name));
      expect(fresh.gb2312Readings()).toEqual(gb2312Readings());
      await saveReadings(dir);
      expect(deserialize(readFileSync(path.join(dir, name)))).toEqual(gb2312Readings());
    }
    rmSync(dir, { recursive: true });
  });
});
