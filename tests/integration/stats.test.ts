/**
 * 信息采用情况 on the built fixture site (tests/fixtures/site.ts): the numbers on the pages and in
 * the CSV files equal the items of the content, counted here from the fixture's description.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.ts';
import { allUnitsOf, writeFixtureSite, type FixtureItem, type FixtureSite } from '../fixtures/site.ts';
import { BUILD_TIMEOUT, removeDir, tempDir } from './support.ts';

let dir: string;
let out: string;
let fx: FixtureSite;

beforeAll(async () => {
  dir = await tempDir('stats');
  fx = await writeFixtureSite(path.join(dir, 'content'));
  out = path.join(dir, 'out');
  const result = await build({ contentDir: path.join(dir, 'content'), outDir: out, root: dir });
  if (!result.ok) throw new Error(`fixture build failed: ${result.failure ?? JSON.stringify(result.diagnostics)}`);
}, BUILD_TIMEOUT);

afterAll(() => removeDir(dir));

const text = (value: string) => value.replace(/\s+/g, ' ').trim();

async function page(url: string): Promise<CheerioAPI> {
  return load(await readFile(path.join(out, url, 'index.html'), 'utf8'));
}

/** A table as its cells' text, header row first, 合计 row last. */
function cells($: CheerioAPI, id: string): string[][] {
  return $(`#${id} table tr`)
    .toArray()
    .map((tr) => $(tr).children('th, td').toArray().map((cell) => text($(cell).text())));
}

/** Rows of a table as label → numbers, without the header. */
function counts($: CheerioAPI, id: string): Record<string, number[]> {
  return Object.fromEntries(cells($, id).slice(1).map(([label, ...values]) => [label!, values.map(Number)]));
}

const issueOf = (item: FixtureItem) => fx.issues.find((issue) => issue.key === item.issue)!;
const count = (items: readonly FixtureItem[], test: (item: FixtureItem) => boolean) => items.filter(test).length;

describe('the statistics pages of the fixture site', () => {
  it('are linked from the home page and the navigation', async () => {
    const $ = await page('/');
    expect($('main a[href="/stats/"]').length).toBe(1);
    expect(text($('header nav a[href="/stats/"]').text())).toBe('采用统计');
  });

  it('total every published item of the content, by year', async () => {
    const $ = await page('/stats/');
    expect(text($('main').text())).toContain(`历年共${fx.issues.length}期，采用信息${fx.items.length}条。`);
    expect(counts($, 'years')).toEqual({
      '2020年': [count(fx.items, (i) => issueOf(i).year === 2020)],
      '2021年': [count(fx.items, (i) => issueOf(i).year === 2021)],
      合计: [fx.items.length],
    });
    expect(fx.items).toHaveLength(45);
  });

  it('count each unit and each category by year, 合计 row and column agreeing with the content', async () => {
    const $ = await page('/stats/');
    const byYear = (test: (item: FixtureItem) => boolean) => {
      const values = [2020, 2021].map((year) => count(fx.items, (i) => issueOf(i).year === year && test(i)));
      return [...values, values[0]! + values[1]!];
    };
    expect(cells($, 'units')[0]).toEqual(['来源单位', '2020年', '2021年', '合计']);
    expect(counts($, 'units')).toEqual({
      ...Object.fromEntries(allUnitsOf(fx).map((unit) => [unit.name, byYear((i) => i.unit === unit.name)])),
      合计: byYear(() => true),
    });
    expect(counts($, 'categories')).toEqual({
      ...Object.fromEntries(fx.categories.map((category) => [category.name, byYear((i) => i.category === category.name)])),
      合计: byYear(() => true),
    });
    // The unit or category without published items is listed with 0: the draft is not counted.
    expect(counts($, 'units')[fx.special.emptyUnit.name]).toEqual([0, 0, 0]);
    expect(counts($, 'categories')[fx.special.emptyCategory.name]).toEqual([0, 0, 0]);
  });

  it('count each year by the month of its issues', async () => {
    for (const year of [2020, 2021]) {
      const $ = await page(`/stats/${year}/`);
      const items = fx.items.filter((i) => issueOf(i).year === year);
      const months = [...new Set(fx.issues.filter((issue) => issue.year === year).map((issue) => `${Number(issue.date.slice(5, 7))}月`))];
      expect(cells($, 'months').slice(1).map(([label]) => label), String(year)).toEqual([...months, '合计']);
      expect(counts($, 'months')['合计'], String(year)).toEqual([items.length]);
      expect(counts($, 'units')['合计']!.at(-1), String(year)).toBe(items.length);
      for (const unit of allUnitsOf(fx)) {
        expect(counts($, 'units')[unit.name]!.at(-1), `${year} ${unit.name}`).toBe(count(items, (i) => i.unit === unit.name));
      }
      for (const category of fx.categories) {
        expect(counts($, 'categories')[category.name]!.at(-1), `${year} ${category.name}`).toBe(count(items, (i) => i.category === category.name));
      }
    }
  });

  it('draw one bar per row, labelled with the row and its total', async () => {
    const $ = await page('/stats/');
    for (const id of ['years', 'units', 'categories']) {
      const rows = cells($, id).slice(1, -1);
      const svg = $(`#${id} svg[role="img"]`);
      expect(text(svg.find('title').text())).toContain('条形图');
      expect(svg.find('.chart-label').toArray().map((el) => text($(el).text())), id).toEqual(rows.map(([label]) => label));
      expect(svg.find('.chart-value').toArray().map((el) => text($(el).text())), id).toEqual(rows.map((row) => row.at(-1)));
      expect(svg.find('rect.chart-bar')).toHaveLength(rows.length);
    }
  });

  it('offer each table as a CSV file: UTF-8 with a byte order mark, the same cells, CRLF lines', async () => {
    for (const url of ['/stats/', '/stats/2021/', '/stats/2020/']) {
      const $ = await page(url);
      for (const section of $('section.stats-table').toArray()) {
        const id = $(section).attr('id')!;
        const link = $(section).find('a[download]');
        expect(link.attr('href')).toBe(`${url}${id}.csv`);
        expect(link.attr('download')).toMatch(/\.csv$/);
        const bytes = await readFile(path.join(out, url, `${id}.csv`));
        expect([...bytes.subarray(0, 3)], `${url}${id}.csv`).toEqual([0xef, 0xbb, 0xbf]);
        const csv = bytes.toString('utf8').slice(1);
        expect(csv.endsWith('\r\n')).toBe(true);
        expect(csv.trimEnd().split('\r\n').map((line) => line.split(',')), `${url}${id}.csv`).toEqual(cells($, id));
      }
    }
  });
});
