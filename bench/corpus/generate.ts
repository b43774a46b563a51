/**
 * The benchmarks' synthetic bulletin: N items of about 800 Chinese characters, made only from the
 * sentences of the sample issue (content/2021/03/*.md), deterministic for a given N.
 *
 * - Sentences are drawn with Zipf-like weights, so some phrases are in most items and some in few.
 * - Half of the numbers in drawn sentences are replaced by other numbers, so a digit query such as
 *   48小时 matches some items, not every item with the sentence.
 * - 15 items per weekly issue, newest issue in late 2025, going back a week per issue; every unit of
 *   content/_data/units.yaml (and the editing office) and every category is used.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { OFFICE } from '../../tests/helpers/content.ts';

const CONTENT = fileURLToPath(new URL('../../content/', import.meta.url));
const SAMPLE_ITEMS = ['01-fangkong-huiyi.md', '02-tonghang-xiangmu.md', '03-jiyuanlu-fangkong.md'];
const ITEMS_PER_ISSUE = 15;
const BODY_LENGTH = 800;

/** mulberry32: a small seeded generator, so the corpus is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Sample {
  sentences: string[];
  /** Clauses of 6 to 14 characters, for titles. */
  clauses: string[];
  units: string[];
  categories: string[];
}

export function readSample(): Sample {
  const text = SAMPLE_ITEMS.map((name) => matter(readFileSync(`${CONTENT}2021/03/${name}`, 'utf8')).content.replace(/\*\*/g, '')).join('\n');
  const sentences = text
    .split(/(?<=[。；！？])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 6);
  const clauses = [...new Set(sentences.flatMap((s) => s.split(/[，、。；：“”]/)).filter((c) => c.length >= 6 && c.length <= 14))];
  const units = (parse(readFileSync(`${CONTENT}_data/units.yaml`, 'utf8')) as { name: string }[]).map((u) => u.name);
  const categories = (parse(readFileSync(`${CONTENT}_data/categories.yaml`, 'utf8')) as { name: string }[]).map((c) => c.name);
  return { sentences, clauses, units, categories };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One item as a clerk would write it: its issue folder, file name, front-matter and body. */
export interface CorpusItem {
  issue: string;
  fileName: string;
  title: string;
  date: string;
  unit: string;
  category: string;
  body: string;
}

export interface Corpus {
  /** Weekly issues, oldest first: `key` is `2025/52`, `date` the publication date. */
  issues: { key: string; date: string }[];
  items: CorpusItem[];
  /** The editing office first, then every unit of units.yaml. */
  units: string[];
  categories: string[];
}

export function generateCorpus(n: number): Corpus {
  const sample = readSample();
  const next = random(20210323);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  // Zipf-like: sentence i drawn with weight 1/(i+1), after a fixed shuffle.
  const order = sample.sentences.map((s) => ({ s, k: next() })).sort((a, b) => a.k - b.k).map((x) => x.s);
  const weights = order.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const sentence = () => {
    let r = next() * total;
    for (let i = 0; i < order.length; i++) if ((r -= weights[i]!) <= 0) return order[i]!;
    return order.at(-1)!;
  };
  const varied = (s: string) => s.replace(/\d+/g, (d) => (next() < 0.5 ? d : String(1 + Math.floor(next() * (d.length > 2 ? 999 : 99)))));

  const units = [OFFICE, ...sample.units];
  const issues: Corpus['issues'] = [];
  const items: CorpusItem[] = [];
  const issueCount = Math.ceil(n / ITEMS_PER_ISSUE);
  // Weekly issues, newest on 2025-12-26.
  const newest = Date.UTC(2025, 11, 26);
  for (let k = 0; k < issueCount; k++) {
    const date = new Date(newest - (issueCount - 1 - k) * 7 * 86_400_000);
    const year = date.getUTCFullYear();
    const number = Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
    const key = `${year}/${pad(number)}`;
    issues.push({ key, date: date.toISOString().slice(0, 10) });
    for (let j = 0; j < ITEMS_PER_ISSUE && items.length < n; j++) {
      const itemDate = new Date(date.getTime() - Math.floor(next() * 7) * 86_400_000);
      const unit: string = items.length < units.length ? units[items.length]! : pick(units);
      const category: string = items.length < sample.categories.length ? sample.categories[items.length]! : pick(sample.categories);
      let body = `${itemDate.getUTCMonth() + 1}月${itemDate.getUTCDate()}日，`;
      while (body.length < BODY_LENGTH) body += varied(sentence());
      items.push({
        issue: key,
        fileName: `${pad(j + 1)}-x${items.length}.md`,
        title: `${unit}${pick(sample.clauses)}`,
        date: itemDate.toISOString().slice(0, 10),
        unit,
        category,
        body,
      });
    }
  }
  return { issues, items, units, categories: sample.categories };
}
