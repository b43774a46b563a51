/**
 * The pinyin table of the search index (format.ts: PinyinTable, PinyinShard): what lets a reader
 * type `lenglian` and find 冷链, or be offered 冷链 after typing the homophone 冷连. Readings come
 * from pinyin-pro, which the slugs use too; a word is read as a whole, so 银行 is `yin hang`.
 */
import iconv from 'iconv-lite';
import { pinyin } from 'pinyin-pro';
import type { ItemPage, Site } from '../site/index.ts';
import { cutShards, type CharShard, type PinyinShard, type PinyinTable } from './format.ts';

const HAN = /^\p{Script=Han}$/u;

/** Toneless readings of `text`, one a character, `ü` as `v` (as pinyin keyboards type it). */
const readings = (text: string): string[] => pinyin(text, { toneType: 'none', type: 'array', v: true });

/** Every pair of neighbouring Han characters of `text`, with repeats. */
function* hanPairs(text: string): Generator<string> {
  const chars = [...text];
  for (let i = 1; i < chars.length; i++) if (HAN.test(chars[i - 1]!) && HAN.test(chars[i]!)) yield chars[i - 1]! + chars[i]!;
}

/** A character's toneless reading, or undefined when pinyin-pro has none for it. */
function readingOf(char: string): string | undefined {
  const [reading] = readings(char);
  return reading && /^[a-z]+$/.test(reading) ? reading : undefined;
}

let common: Map<string, string> | undefined;
/** GB 2312's Han characters that pinyin-pro reads (all 6,763 with pinyin-pro 3; tests/search/pinyin.test.ts). */
const GB2312_HAN_READ = 6763;
/**
 * The readings of GB 2312's 6,763 characters, which every Chinese keyboard offers first: a
 * reader's typo is most often one of them, whether or not the archive has it (冷连 for 冷链).
 * The same for every build, so read once a process: all in one call, a space between characters
 * so that none is read as part of a word (the same readings as one call a character, in a tenth
 * of the time; tests/search/pinyin.test.ts compares them).
 */
export function gb2312Readings(): Map<string, string> {
  if (!common) {
    const codes: number[] = [];
    for (let high = 0xb0; high <= 0xf7; high++) for (let low = 0xa1; low <= 0xfe; low++) codes.push(high, low);
    const chars = [...iconv.decode(Buffer.from(codes), 'gb2312')].filter((char) => HAN.test(char));
    const read = readings(chars.join(' ')).filter((reading) => reading !== ' ');
    if (read.length !== chars.length) throw new Error(`pinyin-pro read ${read.length} of GB 2312's ${chars.length} characters`);
    common = new Map();
    chars.forEach((char, i) => {
      if (/^[a-z]+$/.test(read[i]!)) common!.set(char, read[i]!);
    });
  }
  return common;
}

/** Whether `kept` (the build cache's copy, src/search/write.ts: saveReadings) is a whole table of gb2312Readings. */
export const wholeReadings = (kept: unknown): kept is Map<string, string> => kept instanceof Map && kept.size >= GB2312_HAN_READ;

/**
 * Has gb2312Readings take its table from `kept`, the build cache's copy, when it is whole: the
 * table is the same for one version of the code and of pinyin-pro, and making it took the index
 * worker 0.07–0.1 s of every build.
 */
export function useGb2312Readings(kept: unknown): void {
  if (!common && wholeReadings(kept)) common = kept;
}

export interface PinyinFiles {
  table: PinyinTable;
  /** `y<k>.bin` */
  words: PinyinShard[];
  /** `c<k>.bin` */
  chars: CharShard[];
}

/** Words kept per key: a reader is offered the first, and a typo is matched against a few. */
const WORDS_PER_KEY = 4;
/**
 * Bytes of JSON per character shard: about 300 characters. A query's homophone needs the shard of
 * each of its characters, and Chinese compresses poorly (GB 2312 in one file was 17 KB gzip).
 */
const CHAR_SHARD_TARGET = 1536;

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `chars`: the Han characters of the index (its one-character tokens): those and GB 2312's get
 * their reading, so that a character a reader types has one. `shardTarget`: bytes of JSON a word shard holds.
 */
export function buildPinyin(site: Pick<Site, 'termIndexes'>, items: readonly Pick<ItemPage, 'title'>[], chars: readonly string[], shardTarget: number): PinyinFiles {
  // Titles count once per item; a unit's or category's name by its items, as that is how often readers meet it.
  const counts = new Map<string, number>();
  const add = (text: string, n: number) => {
    for (const pair of hanPairs(text)) counts.set(pair, (counts.get(pair) ?? 0) + n);
  };
  for (const item of items) add(item.title, 1);
  for (const index of site.termIndexes) {
    if (index.kind === 'year') continue;
    // A name without items would lead a reader to nothing.
    for (const term of index.terms) if (term.count > 0) for (const name of [term.name, ...term.aliases]) add(name, term.count);
  }

  const byKey = new Map<string, [string, number][]>();
  for (const [word, count] of counts) {
    const key = readings(word).join(' ');
    // A character pinyin-pro cannot read comes back as itself: no key a reader could type.
    if (!/^[a-z]+ [a-z]+$/.test(key)) continue;
    const words = byKey.get(key) ?? [];
    words.push([word, count]);
    byKey.set(key, words);
  }
  const syllables = new Set<string>();
  const entries = [...byKey]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([key, words]) => {
      for (const syllable of key.split(' ')) syllables.add(syllable);
      words.sort((a, b) => b[1] - a[1] || byCodeUnits(a[0], b[0]));
      return [key, words.slice(0, WORDS_PER_KEY)] as const;
    });
  const words = cutShards(entries, shardTarget, ([key]) => key, ([key, list]) => key.length + JSON.stringify(list).length + 4);

  const known = new Map(gb2312Readings());
  for (const char of chars) {
    const reading = known.has(char) ? undefined : readingOf(char);
    if (reading) known.set(char, reading);
  }
  const charReadings = [...known].sort(([a], [b]) => byCodeUnits(a, b));
  const charShards = cutShards(charReadings, CHAR_SHARD_TARGET, ([char]) => char, ([, reading]) => reading.length + 4);
  return {
    table: { syllables: [...syllables].sort(), words: words.firstKeys, chars: charShards.firstKeys },
    words: words.shards.map((shard) => Object.fromEntries(shard)),
    // Grouped by reading, which repeats less than one reading per character.
    chars: charShards.shards.map((shard) => {
      const group: CharShard = {};
      for (const [char, reading] of shard) group[reading] = (group[reading] ?? '') + char;
      return group;
    }),
  };
}

/** Whether a token of the index is one Han character (those the table gives readings for). */
export const isHanChar = (token: string): boolean => HAN.test(token);

/** Whether the table reads `char` whether or not the archive has it (GB 2312's characters). */
export const isCommonHan = (char: string): boolean => gb2312Readings().has(char);
