/**
 * The parts of a printed bulletin around its items, as GB/T 9704 sets them and the sample issue
 * shows: the masthead (报头: the bulletin's name, 第N期, the editing office and the date) and
 * the colophon (报尾: 报送, 抄送, 发送, 共印N份). Each reader (PDF, Word, PDF text) finds the lines;
 * these rules read them.
 */
import type { IsoDate } from '../../content/index.ts';

export interface Masthead {
  /** The bulletin's name as printed, spaces between its characters taken out: 工作动态. */
  name?: string;
  number?: number;
  date?: IsoDate;
  office?: string;
}

export interface Colophon {
  reportTo: string[];
  copyTo: string[];
  sendTo: string[];
  copies?: number;
}

const FULL_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const NUMBER = /第\s*(\d{1,3})\s*期/;

const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

/** Whether a line can only belong to a masthead: 第3期, (总第120期), or an office and a full date. */
export const isMastheadLine = (line: string): boolean => NUMBER.test(line) || FULL_DATE.test(line);

/**
 * Reads the masthead from its lines: the name (given, or the first line when it comes before
 * 第N期 and the date), the number, the office and the date. What it cannot place is returned,
 * for the clerk to see.
 */
export function readMasthead(lines: readonly string[], name?: string): { masthead: Masthead; rest: string[] } {
  const masthead: Masthead = {};
  const rest: string[] = [];
  if (name !== undefined) masthead.name = name.replace(/\s+/g, '');
  for (const [i, line] of lines.entries()) {
    const number = NUMBER.exec(line);
    const date = FULL_DATE.exec(line);
    if (number && masthead.number === undefined) masthead.number = Number(number[1]);
    if (date && masthead.date === undefined) {
      masthead.date = iso(date[1]!, date[2]!, date[3]!);
      // The office is printed on the date's line, before it: 示例区人民政府办公室　　2021年1月25日.
      const office = line.slice(0, date.index).replace(NUMBER, '').trim();
      if (office !== '' && masthead.office === undefined) masthead.office = office.replace(/\s+/g, '');
    }
    if (!number && !date) {
      if (masthead.name === undefined && i === 0 && lines.slice(1).some(isMastheadLine)) masthead.name = line.replace(/\s+/g, '');
      else rest.push(line);
    }
  }
  return { masthead, rest };
}

const COLOPHON_KEY = /^\s*(报送|抄送|发送|分送|印发)\s*[：:]\s*/;
const COPIES = /[（(]?\s*共印\s*(\d+)\s*份\s*[）)]?/;

/** Whether a line starts the colophon: 报送：…, 抄送：…, 发送：…, or says 共印N份. */
export const isColophonLine = (line: string): boolean => COLOPHON_KEY.test(line) || COPIES.test(line);

const KEYS: Readonly<Record<string, keyof Omit<Colophon, 'copies'>>> = { 报送: 'reportTo', 抄送: 'copyTo', 发送: 'sendTo', 分送: 'sendTo', 印发: 'sendTo' };

/**
 * Reads the colophon's lines: a key's text runs on until the next key; its entries are what the
 * site joins with `，`, and the closing `。` the site adds is taken off. A list written with `、`
 * stays one entry, as a clerk types it on one line.
 */
export function readColophon(lines: readonly string[]): { colophon: Colophon; rest: string[] } {
  const colophon: Colophon = { reportTo: [], copyTo: [], sendTo: [] };
  const rest: string[] = [];
  const texts: Partial<Record<keyof Omit<Colophon, 'copies'>, string>> = {};
  let current: keyof Omit<Colophon, 'copies'> | undefined;
  for (const raw of lines) {
    let line = raw;
    const copies = COPIES.exec(line);
    if (copies) {
      colophon.copies = Number(copies[1]);
      line = line.replace(COPIES, '').trim();
      if (line === '') continue;
    }
    const key = COLOPHON_KEY.exec(line);
    if (key) {
      current = KEYS[key[1]!]!;
      texts[current] = `${texts[current] ?? ''}${line.slice(key[0].length)}`;
    } else if (current) texts[current] += line.trim();
    else rest.push(raw);
  }
  for (const [key, text] of Object.entries(texts) as [keyof Omit<Colophon, 'copies'>, string][]) {
    colophon[key] = text
      .trim()
      .replace(/[。.]$/, '')
      .split(/[，,]/)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
  }
  return { colophon, rest };
}
