/**
 * Things that are allowed but probably not meant: the build prints them and still succeeds.
 */
import { daysBetween, parseIsoDate } from './date.ts';
import type { IsoDate } from './model.ts';
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

/** Every item whose title an earlier item of the same issue already has, with that earlier file. */
export function repeatedTitles(files: readonly TitledFile[]): { file: TitledFile; problem: Problem }[] {
  const first = new Map<string, TitledFile>();
  const repeated: { file: TitledFile; problem: Problem }[] = [];
  for (const file of files) {
    const key = `${file.issue}\n${file.title.trim()}`;
    const earlier = first.get(key);
    if (earlier) {
      repeated.push({ file, problem: warning(file.at, `与 ${earlier.shown} 的标题相同：同一期中有两条同名信息，请核对是否重复录入`) });
    } else {
      first.set(key, file);
    }
  }
  return repeated;
}
