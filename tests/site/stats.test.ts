/**
 * 信息采用情况, from site structures built in memory: the counts by unit, category, year and month,
 * the chart geometry and the CSV text. Expected numbers are counted by hand from the content.
 */
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/site/structure.ts';
import type { StatsPage, StatsTable } from '../../src/site/model.ts';
import { barChart, buildStats, monthRange, tableCsv } from '../../src/site/stats.ts';
import { content, issue, item, OFFICE, stubRender } from '../helpers/content.ts';

/**
 * 2020/52 (2020-12-28): office 疫情防控, 济源路街道 基层动态
 * 2021/01 (2021-01-04): office 疫情防控, 通航 项目建设 (dated 2020-12-30), and a draft
 * 2021/02 (2021-03-01): 济源路街道 疫情防控 ×2, 济源路街道 基层动态   — no issue in February
 * 2021/03 (draft issue): one item, never counted
 */
function sample() {
  return buildSite(
    content({
      issues: [
        issue('2020/52', '2020-12-28'),
        issue('2021/01', '2021-01-04'),
        issue('2021/02', '2021-03-01'),
        issue('2021/03', '2021-03-08', { draft: true }),
      ],
      items: [
        item('2020/52', '01-a.md', { category: '疫情防控' }),
        item('2020/52', '02-b.md', { category: '基层动态', unit: '济源路街道' }),
        item('2021/01', '01-a.md', { category: '疫情防控' }),
        item('2021/01', '02-b.md', { category: '项目建设', unit: '通航试验区管委会', date: '2020-12-30' }),
        item('2021/01', '03-draft.md', { category: '项目建设', unit: '中心路街道', draft: true }),
        item('2021/02', '01-a.md', { category: '疫情防控', unit: '济源路街道' }),
        item('2021/02', '02-b.md', { category: '疫情防控', unit: '济源路街道' }),
        item('2021/02', '03-c.md', { category: '基层动态', unit: '济源路街道' }),
        item('2021/03', '01-a.md', { category: '疫情防控' }),
      ],
    }),
    stubRender,
  ).stats;
}

const page = (pages: StatsPage[], url: string) => pages.find((p) => p.url === url)!;
const table = (p: StatsPage, id: string) => p.tables.find((t) => t.id === id)!;
/** label → [values…, total] */
const counts = (t: StatsTable) => Object.fromEntries(t.rows.map((row) => [row.label, [...row.values, row.total]]));

describe('the overview of all years', () => {
  it('counts every published item once, by year, and no draft', () => {
    const overview = page(sample().pages, '/stats/');
    expect(overview).toMatchObject({ title: '信息采用情况', year: undefined, items: 7, issues: 3 });
    const years = table(overview, 'years');
    expect(years.columns).toEqual(['信息数']);
    expect(years.rows.map((row) => [row.label, row.total])).toEqual([
      ['2020年', 2],
      ['2021年', 5],
    ]);
    expect(years.totals).toEqual({ values: [7], total: 7 });
  });

  it('counts each unit by year, largest total first, units without items too', () => {
    const units = table(page(sample().pages, '/stats/'), 'units');
    expect(units.columns).toEqual(['2020年', '2021年']);
    expect(units.rows.map((row) => row.label)).toEqual(['济源路街道', OFFICE, '通航试验区管委会', '中心路街道']);
    expect(counts(units)).toEqual({
      济源路街道: [1, 3, 4],
      [OFFICE]: [1, 1, 2],
      通航试验区管委会: [0, 1, 1],
      中心路街道: [0, 0, 0],
    });
    expect(units.totals).toEqual({ values: [2, 5], total: 7 });
    expect(units.rows[0]!.url).toBe('/units/jiyuanlu-jiedao/');
  });

  it('counts each category by year; equal totals keep the list’s order', () => {
    const categories = table(page(sample().pages, '/stats/'), 'categories');
    expect(categories.rows.map((row) => row.label)).toEqual(['疫情防控', '基层动态', '项目建设']);
    expect(counts(categories)).toEqual({ 疫情防控: [1, 3, 4], 基层动态: [1, 1, 2], 项目建设: [0, 1, 1] });
  });
});

describe('a year', () => {
  it('has a page per year, newest first after the overview, each linking to all', () => {
    const { pages } = sample();
    expect(pages.map((p) => [p.url, p.title])).toEqual([
      ['/stats/', '信息采用情况'],
      ['/stats/2021/', '2021年信息采用情况'],
      ['/stats/2020/', '2020年信息采用情况'],
    ]);
    for (const p of pages) {
      expect(p.links.map((link) => link.title)).toEqual(['全部年份', '2021年', '2020年']);
      expect(p.links.filter((link) => link.current).map((link) => link.url)).toEqual([p.url]);
    }
  });

  it('counts by the month of the issue, every month between the first and last, a month without an issue as 0', () => {
    const year = page(sample().pages, '/stats/2021/');
    expect(year).toMatchObject({ year: 2021, items: 5, issues: 2 });
    const months = table(year, 'months');
    // The item dated 2020-12-30 came out in the issue of 2021-01-04.
    expect(months.rows.map((row) => [row.label, row.total])).toEqual([
      ['1月', 2],
      ['2月', 0],
      ['3月', 3],
    ]);
    const units = table(year, 'units');
    expect(units.columns).toEqual(['1月', '2月', '3月']);
    expect(counts(units)[`济源路街道`]).toEqual([0, 0, 3, 3]);
    expect(counts(units)['通航试验区管委会']).toEqual([1, 0, 0, 1]);
    expect(units.totals).toEqual({ values: [2, 0, 3], total: 5 });
  });

  it('names a month of another calendar year with its year', () => {
    const stats = buildSite(
      content({ issues: [issue('2021/01', '2020-12-31'), issue('2021/02', '2021-01-08')], items: [item('2021/01', '01-a.md'), item('2021/02', '01-a.md')] }),
      stubRender,
    ).stats;
    expect(table(page(stats.pages, '/stats/2021/'), 'months').rows.map((row) => row.label)).toEqual(['2020年12月', '1月']);
  });
});

describe('files and charts', () => {
  it('gives each table a CSV file beside its page, named after its caption for download', () => {
    const { pages, csv } = sample();
    const year = page(pages, '/stats/2021/');
    expect(year.tables.map((t) => [t.id, t.csv.url, t.csv.filename])).toEqual([
      ['months', '/stats/2021/months.csv', '2021年各月信息采用数.csv'],
      ['units', '/stats/2021/units.csv', '2021年各来源单位信息采用数（按月份）.csv'],
      ['categories', '/stats/2021/categories.csv', '2021年各栏目信息采用数（按月份）.csv'],
    ]);
    expect(csv.map((file) => file.url)).toEqual(pages.flatMap((p) => p.tables.map((t) => t.csv.url)));
    expect(new Set(csv.map((file) => file.url)).size).toBe(csv.length);
  });

  it('writes CSV as UTF-8 with a byte order mark and CRLF lines: header, rows, 合计 (a total column when there are several)', () => {
    const year = page(sample().pages, '/stats/2021/');
    expect(tableCsv(table(year, 'categories'))).toBe(
      '\uFEFF栏目,1月,2月,3月,合计\r\n疫情防控,1,0,2,3\r\n项目建设,1,0,0,1\r\n基层动态,0,0,1,1\r\n合计,2,0,3,5\r\n',
    );
    expect(tableCsv(table(year, 'months'))).toBe('\uFEFF月份,信息数\r\n1月,2\r\n2月,0\r\n3月,3\r\n合计,5\r\n');
  });

  it('quotes commas and quotes, and keeps a cell that looks like a formula as text', () => {
    const chart = barChart('', []);
    const csv = tableCsv({
      id: 't',
      caption: '',
      rowHeader: '单位',
      columns: ['信息数'],
      rows: [
        { label: '甲,乙', url: undefined, values: [1], total: 1 },
        { label: '“丙”"丁"', url: undefined, values: [2], total: 2 },
        { label: '=HYPERLINK("x")', url: undefined, values: [3], total: 3 },
      ],
      totals: { values: [6], total: 6 },
      chart,
      csv: { url: '', filename: '' },
    });
    expect(csv.split('\r\n').slice(1, 4)).toEqual(['"甲,乙",1', '"“丙”""丁""",2', `"'=HYPERLINK(""x"")",3`]);
  });

  it('draws bars in proportion, the longest at 85% of the width, one row of 2.6 em after another', () => {
    const chart = barChart('图', [
      { label: '甲', value: 12 },
      { label: '乙', value: 3 },
      { label: '丙', value: 0 },
    ]);
    expect(chart.bars.map((bar) => bar.width)).toEqual([85, 21.25, 0]);
    expect(chart.bars.map((bar) => bar.labelY)).toEqual([1.05, 3.65, 6.25]);
    for (const bar of chart.bars) {
      expect(bar.barY).toBeGreaterThan(bar.labelY);
      expect(bar.valueY).toBeGreaterThan(bar.barY);
      expect(bar.valueY).toBeLessThan(bar.barY + chart.barHeight);
    }
    expect(chart.height).toBeGreaterThanOrEqual(chart.bars.at(-1)!.barY + chart.barHeight);
    expect(barChart('', [{ label: '甲', value: 0 }]).bars[0]!.width).toBe(0);
  });

  it('lists the months from the first to the last', () => {
    expect(monthRange(['2021-03', '2020-11', '2021-01'])).toEqual(['2020-11', '2020-12', '2021-01', '2021-02', '2021-03']);
    expect(monthRange([])).toEqual([]);
  });

  it('has an overview without tables when nothing is published', () => {
    const stats = buildStats({ issues: [], units: [], categories: [] });
    expect(stats.pages).toHaveLength(1);
    expect(stats.pages[0]).toMatchObject({ url: '/stats/', items: 0, tables: [] });
    expect(stats.csv).toEqual([]);
  });
});
