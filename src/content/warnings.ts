/**
 * Things that are allowed but probably not meant: the build prints them and still succeeds.
 */
import { daysBetween, parseIsoDate } from './date.ts';
import type { IsoDate, Item } from './model.ts';
import type { Problem } from './yaml.ts';

/** About two lines on a phone; longer titles wrap into a block in every listing. */
export const TITLE_LIMIT = 60;
/** A bulletin reports what has happened; a date further ahead is most likely a typo in the year or month. */
export const FUTURE_LIMIT_DAYS = 30;

type Place = { line: number; column: number };

const warning = (at: Place, message: string): Problem => ({ ...at, severity: 'warning', message });

export function longTitle(title: string, at: Place): Problem | undefined {
  const length = [...title.trim()].length;
  if (length <= TITLE_LIMIT) return undefined;
  return warning(at, `标题有 ${length} 个字，超过 ${TITLE_LIMIT} 个字：在手机上会折成好几行，请考虑精简`);
}

/** `today` is the date in China, given by the caller: nothing here reads the clock. */
export function farFutureDate(date: string, today: IsoDate, at: Place): Problem | undefined {
  if (!parseIsoDate(date)) return undefined;
  const ahead = daysBetween(today, date);
  if (ahead <= FUTURE_LIMIT_DAYS) return undefined;
  return warning(at, `日期 ${date} 比今天（${today}）晚 ${ahead} 天：请核对年份和月份`);
}

export interface TitledFile {
  /** Issue key. */
  issue: string;
  /** Path relative to the content folder. */
  file: string;
  /** Path as shown to the clerk. */
  shown: string;
  title: string;
  at: Place;
}

/**
 * Every item whose title an earlier item already has, with that earlier file: in the same issue
 * most likely entered twice, in another issue most likely published twice.
 */
export function repeatedTitles(files: readonly TitledFile[]): { file: TitledFile; problem: Problem }[] {
  const inIssue = new Map<string, TitledFile>();
  const anywhere = new Map<string, TitledFile>();
  const repeated: { file: TitledFile; problem: Problem }[] = [];
  for (const file of files) {
    const title = file.title.trim();
    const sameIssue = inIssue.get(`${file.issue}\n${title}`);
    const other = anywhere.get(title);
    if (sameIssue) {
      repeated.push({ file, problem: warning(file.at, `与 ${sameIssue.shown} 的标题相同：同一期中有两条同名信息，请核对是否重复录入`) });
    } else if (other) {
      const [year, number] = other.issue.split('/');
      repeated.push({ file, problem: warning(file.at, `与 ${other.shown}（${year}年第${Number(number)}期）的标题相同：两期中有同名信息，请核对是否重复刊登；如是不同的事，请把标题写得有所区别`) });
    }
    if (!sameIssue) inIssue.set(`${file.issue}\n${title}`, file);
    if (!other) anywhere.set(title, file);
  }
  return repeated;
}

/** Days an item's date may lie from its issue's: a week's bulletin reports the weeks before it. */
export const ISSUE_DISTANCE_DAYS = 30;

export interface DatedItem {
  item: Pick<Item, 'file' | 'issue' | 'date'>;
  /** Where its date is written. */
  at: Place;
}

/** An item dated far from its issue's date: most likely a wrong year or month, or today's date written into an old issue. */
export function dateFarFromIssue(dated: DatedItem, issueDate: IsoDate | undefined): Problem | undefined {
  if (issueDate === undefined || !parseIsoDate(dated.item.date) || !parseIsoDate(issueDate)) return undefined;
  const days = daysBetween(issueDate, dated.item.date);
  if (Math.abs(days) <= ISSUE_DISTANCE_DAYS) return undefined;
  const how = days > 0 ? `晚 ${days} 天` : `早 ${-days} 天`;
  return warning(dated.at, `日期 ${dated.item.date} 比本期的出刊日期（${issueDate}）${how}：请核对日期，或核对这条信息是否放错了期次目录`);
}
