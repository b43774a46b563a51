/**
 * 信息采用情况: how many items each unit and each category had taken into the bulletin, by year
 * and by month, as tables, bar charts and CSV files. Pure: the same issues give the same pages.
 *
 * An item counts in its issue's year (as on /years/) and in the month of its issue's date: it is
 * taken when the issue comes out, whatever date the item itself carries.
 */
import { groupBy } from './group-by.ts';
import { urls } from './urls.ts';
import type { BarChart, CsvFile, IssuePage, Link, Stats, StatsPage, StatsRow, StatsTable } from './model.ts';

/** A unit or category with the URL of its list. */
export interface StatsTerm {
  name: string;
  url: string;
}

export interface StatsInput {
  /** Published issues with their items, in any order. */
  issues: readonly IssuePage[];
  /** In list order: rows with equal totals keep it. */
  units: readonly StatsTerm[];
  categories: readonly StatsTerm[];
}

/** Chart geometry, in em of the chart's text: a label line, then the bar with its value after it. */
const ROW = 2.6;
const LABEL_BASELINE = 1.05;
const BAR_TOP = 1.3;
const BAR_HEIGHT = 0.95;
const VALUE_BASELINE = BAR_TOP + 0.75;
/** The longest bar takes this share of the width, leaving room for its value. */
const LONGEST = 85;

const round = (n: number) => Math.round(n * 100) / 100;

export function barChart(title: string, bars: readonly { label: string; value: number }[]): BarChart {
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  return {
    title,
    height: round(bars.length * ROW + 0.35),
    barHeight: BAR_HEIGHT,
    bars: bars.map((bar, i) => ({
      label: bar.label,
      value: bar.value,
      width: max === 0 ? 0 : round((bar.value / max) * LONGEST),
      labelY: round(i * ROW + LABEL_BASELINE),
      barY: round(i * ROW + BAR_TOP),
      valueY: round(i * ROW + VALUE_BASELINE),
    })),
  };
}

/** `2021-01` … `2021-03`: every month from the first to the last, so a month without an issue shows 0. */
export function monthRange(months: readonly string[]): string[] {
  if (months.length === 0) return [];
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const first = Math.min(...months.map(index));
  const last = Math.max(...months.map(index));
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const n = first + i;
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
}

/** `1月`; a month of another calendar year (an issue dated before its bulletin year) keeps its year. */
function monthLabel(month: string, year: number): string {
  const [y, m] = month.split('-').map(Number);
  return y === year ? `${m}月` : `${y}年${m}月`;
}

interface Column {
  key: string;
  label: string;
}

interface Counted {
  column: string;
  unit: string;
  category: string;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function tableOf(
  page: string,
  id: string,
  caption: string,
  chartTitle: string,
  rowHeader: string,
  columns: readonly Column[],
  rows: StatsRow[],
): StatsTable {
  const totals = columns.map((_, i) => sum(rows.map((row) => row.values[i]!)));
  return {
    id,
    caption,
    rowHeader,
    columns: columns.map((column) => column.label),
    rows,
    totals: { values: totals, total: sum(totals) },
    chart: barChart(chartTitle, rows.map((row) => ({ label: row.label, value: row.total }))),
    csv: { url: `${page}${id}.csv`, filename: `${caption}.csv` },
  };
}

function countBy<T>(list: readonly T[], key: (value: T) => string): Map<string, number> {
  return new Map([...groupBy(list, key)].map(([k, group]) => [k, group.length]));
}

/** One row per term, largest total first; equal totals keep the list's order. */
function termRows(terms: readonly StatsTerm[], columns: readonly Column[], counted: readonly Counted[], of: (c: Counted) => string): StatsRow[] {
  // One pass over the items, not one per term and column (26 years × 30 terms × 20,000 items).
  const counts = countBy(counted, (c) => `${of(c)}\u0000${c.column}`);
  return terms
    .map((term) => {
      const values = columns.map((column) => counts.get(`${term.name}\u0000${column.key}`) ?? 0);
      return { label: term.name, url: term.url, values, total: sum(values) };
    })
    .sort((a, b) => b.total - a.total);
}

function statsPage(
  url: string,
  year: number | undefined,
  issues: readonly IssuePage[],
  columns: readonly Column[],
  columnOf: (issue: IssuePage) => string,
  input: StatsInput,
): Omit<StatsPage, 'links'> {
  const counted = issues.flatMap((issue) =>
    issue.items.map((item) => ({ column: columnOf(issue), unit: item.unit.name, category: item.category.name })),
  );
  const perColumn = countBy(counted, (c) => c.column);
  const prefix = year === undefined ? '' : `${year}年`;
  const per = year === undefined ? '按年份' : '按月份';
  const time = year === undefined ? { id: 'years', label: '各年', header: '年份' } : { id: 'months', label: '各月', header: '月份' };
  const tables =
    counted.length === 0
      ? []
      : [
          tableOf(
            url,
            time.id,
            `${prefix}${time.label}信息采用数`,
            `${prefix}${time.label}信息采用数`,
            time.header,
            [{ key: '', label: '信息数' }],
            columns.map((column) => {
              const n = perColumn.get(column.key) ?? 0;
              return { label: column.label, url: undefined, values: [n], total: n };
            }),
          ),
          tableOf(url, 'units', `${prefix}各来源单位信息采用数（${per}）`, `${prefix}各来源单位信息采用数`, '来源单位', columns, termRows(input.units, columns, counted, (c) => c.unit)),
          tableOf(url, 'categories', `${prefix}各栏目信息采用数（${per}）`, `${prefix}各栏目信息采用数`, '栏目', columns, termRows(input.categories, columns, counted, (c) => c.category)),
        ];
  return { url, title: `${prefix}信息采用情况`, year, items: counted.length, issues: issues.length, tables };
}

const csvCell = (cell: string | number): string => {
  if (typeof cell === 'number') return String(cell);
  // A cell starting like a formula would run as one in Excel: keep it text.
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The table as CSV: header, rows, 合计; a 合计 column when there is more than one column of counts. */
export function tableCsv(table: StatsTable): string {
  const withTotal = table.columns.length > 1;
  const lines: (string | number)[][] = [
    [table.rowHeader, ...table.columns, ...(withTotal ? ['合计'] : [])],
    ...table.rows.map((row) => [row.label, ...row.values, ...(withTotal ? [row.total] : [])]),
    ['合计', ...table.totals.values, ...(withTotal ? [table.totals.total] : [])],
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function buildStats(input: StatsInput): Stats {
  const chronological = input.issues.toSorted((a, b) => a.year - b.year || a.number - b.number);
  const years = [...new Set(chronological.map((issue) => issue.year))];
  const pages = [
    statsPage(urls.stats, undefined, chronological, years.map((year) => ({ key: String(year), label: `${year}年` })), (issue) => String(issue.year), input),
    ...years.toReversed().map((year) => {
      const issues = chronological.filter((issue) => issue.year === year);
      const months = monthRange(issues.map((issue) => issue.date.slice(0, 7)));
      return statsPage(urls.statsYear(year), year, issues, months.map((month) => ({ key: month, label: monthLabel(month, year) })), (issue) => issue.date.slice(0, 7), input);
    }),
  ];
  const nav: Link[] = pages.map((page) => ({ url: page.url, title: page.year === undefined ? '全部年份' : `${page.year}年` }));
  return {
    pages: pages.map((page) => ({ ...page, links: nav.map((link) => ({ ...link, current: link.url === page.url })) })),
    csv: pages.flatMap((page) => page.tables.map((table): CsvFile => ({ url: table.csv.url, text: tableCsv(table) }))),
  };
}
