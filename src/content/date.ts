/**
 * Calendar dates in China. They stay `YYYY-MM-DD` strings and are checked and formatted by
 * arithmetic alone, so no build machine's time zone can move them to another day.
 */
import type { IsoDate } from './model.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a well-formed, possible `YYYY-MM-DD`; undefined for anything else (2021-02-30 too). */
export function parseIsoDate(value: string): CalendarDate | undefined {
  const match = ISO.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function parts(date: IsoDate): CalendarDate {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new TypeError(`not a calendar date: ${date}`);
  return parsed;
}

/** `2021-01-23` → `2021年1月23日`. */
export function formatChineseDate(date: IsoDate): string {
  const { year, month, day } = parts(date);
  return `${year}年${month}月${day}日`;
}

export function yearOf(date: IsoDate): number {
  return parts(date).year;
}

/**
 * Reads the ways clerks write a date by hand (2021年1月23日, 2021/1/23, 2021.1.23, 2021-1-23)
 * and gives the ISO form to suggest; undefined when it is no recognisable date.
 */
export function suggestIsoDate(value: string): IsoDate | undefined {
  // NFKC first: clerks' input methods often type full-width digits (２０２１年１月２３日).
  const match = /^\s*(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?\s*$/.exec(value.normalize('NFKC'));
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return parseIsoDate(iso) ? iso : undefined;
}

const DAY_MS = 86_400_000;

function dayNumber(date: IsoDate): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The calendar date in China at `instant`. China keeps UTC+8 all year (no daylight saving since
 * 1991), so a fixed offset gives the same answer as Asia/Shanghai without relying on ICU data.
 */
export function dateInChina(instant: Date): IsoDate {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The start of a calendar date in China as an RFC 3339 timestamp (Open Graph): `2021-01-25T00:00:00+08:00`. */
export function chinaMidnight(date: IsoDate): string {
  parts(date); // throws on anything but a calendar date, so no malformed timestamp reaches a page
  return `${date}T00:00:00+08:00`;
}

/**
 * The same instant as a Date, for the feed plugin's `dateToRfc3339`, which writes it in UTC:
 * `2021-01-23` → 2021-01-22T16:00:00Z.
 */
export function chinaMidnightInstant(date: IsoDate): Date {
  return new Date(chinaMidnight(date));
}
