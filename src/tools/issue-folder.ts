/**
 * Which issue folder new items go into, and creating it when a new week starts.
 *
 * The rule for the current issue, with `today` the date in China: issues come out weekly, on
 * the weekday of the latest issue (the one with the highest year and number).
 * - While the latest issue's date is today or later, it is the current issue: it has not come
 *   out yet, or comes out today.
 * - Once that date has passed, a new week has started: the new issue is dated on the first of
 *   the same weekday that is today or later, and numbered one more than the latest, or 1 when
 *   that date falls in a new year.
 * - With no issue at all, the first is number 1 of this year, dated today.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Document } from 'yaml';
import { addDays, daysBetween, FILL_IN_MARK, type IsoDate, type Issue, yearOf } from '../content/index.ts';
import { isAlreadyThere, writeNewFile } from '../files/index.ts';
import { shown } from './cli.ts';

export interface TargetIssue {
  /** Folder key, e.g. `2021/04`. */
  key: string;
  year: number;
  number: number;
  /** Publication date; FILL_IN_MARK for an issue named by hand that does not exist yet. */
  date: string;
  /** Whether its folder and index.md are still to be created. */
  create: boolean;
}

type KnownIssue = Pick<Issue, 'key' | 'year' | 'number' | 'date'>;

const fresh = (year: number, number: number, date: string): TargetIssue => ({
  key: `${year}/${String(number).padStart(2, '0')}`,
  year,
  number,
  date,
  create: true,
});

export function currentIssue(issues: readonly KnownIssue[], today: IsoDate): TargetIssue {
  const latest = [...issues].sort((a, b) => a.year - b.year || a.number - b.number).at(-1);
  if (!latest) return fresh(yearOf(today), 1, today);
  if (latest.date >= today) return { ...latest, create: false };
  const date = addDays(latest.date, 7 * Math.ceil(daysBetween(latest.date, today) / 7));
  const year = Math.max(yearOf(date), latest.year);
  return fresh(year, year === latest.year ? latest.number + 1 : 1, date);
}

/** `2021/03`, `2021/3` or `2021-03`; undefined for anything else. */
export function parseIssueKey(text: string): { year: number; number: number } | undefined {
  const match = /^\s*(\d{4})\s*[/\-]\s*(\d{1,3})\s*$/.exec(text);
  if (!match || Number(match[2]) === 0) return undefined;
  return { year: Number(match[1]), number: Number(match[2]) };
}

/** The issue named with `--issue`: an existing one, or a new folder whose date the clerk fills in. */
export function namedIssue(issues: readonly KnownIssue[], wanted: { year: number; number: number }): TargetIssue {
  const known = issues.find((issue) => issue.year === wanted.year && issue.number === wanted.number);
  return known ? { ...known, create: false } : fresh(wanted.year, wanted.number, FILL_IN_MARK);
}

/**
 * The issue `--issue` names, or the current one without it; undefined, said why, for a mistyped
 * flag, or (unless `allowGap`: an importer filling in an archive) a new issue that would leave
 * numbers out after the year's latest.
 */
export function targetIssue(
  issues: readonly KnownIssue[],
  flag: string | undefined,
  today: IsoDate,
  print: (line: string) => void,
  options: { allowGap?: boolean } = {},
): TargetIssue | undefined {
  if (flag === undefined) return currentIssue(issues, today);
  const wanted = parseIssueKey(flag);
  if (!wanted) {
    print(`--issue “${flag}”的写法不对：请写成“年/期号”，如 2021/03`);
    return undefined;
  }
  const named = namedIssue(issues, wanted);
  const latest = issues.filter((issue) => issue.year === wanted.year).sort((a, b) => a.number - b.number).at(-1);
  const next = (latest?.number ?? 0) + 1;
  if (named.create && !options.allowGap && wanted.number > next) {
    const gap = next === wanted.number - 1 ? `第${next}期` : `第${next}–${wanted.number - 1}期`;
    print(`${wanted.year}年${latest ? `最近的一期是第${latest.number}期` : '还没有任何一期'}：--issue ${flag} 会跳过${gap}。请写 --issue ${wanted.year}/${String(next).padStart(2, '0')}，或先建好中间的期次。没有写入任何文件。`);
    return undefined;
  }
  // The week after the year's latest issue: its date follows, so nothing is left to fill in.
  if (named.create && latest && wanted.number === next) return { ...named, date: addDays(latest.date, 7) };
  return named;
}

/** What the tools say before writing: `写入 2021年第4期（content/2021/04/，新的一期，将新建）`. */
export function describeTarget(contentDir: string, issue: TargetIssue): string {
  return `写入 ${issue.year}年第${issue.number}期（${shown(path.join(contentDir, issue.key))}/${issue.create ? '，新的一期，将新建' : ''}）`;
}

/** The 报尾 of a new issue's index.md, as `import` reads it from a bulletin: one entry stays one line, more are a list. */
export interface IssueColophon {
  reportTo: string[];
  copyTo: string[];
  sendTo: string[];
  copies?: number | undefined;
}

/** index.md's front-matter: the date, then the 报尾's keys in the README's order. */
export function issueText(issue: TargetIssue, colophon: IssueColophon | undefined): string {
  const comment = issue.date === FILL_IN_MARK ? '  # 出刊日期，年-月-日，如 2021-01-25' : '';
  const fields = new Document({});
  for (const key of ['reportTo', 'copyTo', 'sendTo'] as const) {
    const entries = colophon?.[key] ?? [];
    if (entries.length > 0) fields.set(key, entries.length === 1 ? entries[0] : entries);
  }
  if (colophon?.copies !== undefined) fields.set('copies', colophon.copies);
  const rest = fields.contents && (fields.contents as { items: unknown[] }).items.length > 0 ? fields.toString() : '';
  return `---\ndate: ${issue.date}${comment}\n${rest}---\n`;
}

/** Creates the issue's folder and index.md when needed; true when index.md was written. */
export async function ensureIssue(contentDir: string, issue: TargetIssue, colophon?: IssueColophon): Promise<boolean> {
  const folder = path.join(contentDir, ...issue.key.split('/'));
  await mkdir(folder, { recursive: true });
  if (!issue.create) return false;
  try {
    await writeNewFile(path.join(folder, 'index.md'), issueText(issue, colophon));
    return true;
  } catch (error) {
    // An index.md the loader could not read is the clerk's to fix, never ours to replace.
    if (isAlreadyThere(error)) return false;
    throw error;
  }
}
