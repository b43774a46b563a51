/**
 * The rules a clerk applies by hand when turning a bulletin into items, shared by the PDF-text
 * and the Word readers: tidy the text, recognise a title, take the source unit from the end,
 * find the date.
 */
import { CJK_CLASS, daysBetween, FILL_IN_MARK, FUTURE_LIMIT_DAYS, type ItemDraft, parseIsoDate, type Vocabulary } from '../../content/index.ts';
import { blockText, countCharacters, type Block, type RawItem } from './bulletin.ts';

const SPACES = '[ \\t\\u00A0\\u3000]+';
/** No space belongs next to a CJK character in Chinese text. */
const SPACE_BY_CJK = new RegExp(`(?<=[${CJK_CLASS}])${SPACES}|${SPACES}(?=[${CJK_CLASS}])`, 'gu');
const HALF_WIDTH_AFTER_CJK = new RegExp(`(?<=[${CJK_CLASS}])[,;:!?]`, 'gu');
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？' };

/**
 * Removes the spaces a PDF or a careless paste leaves around Chinese (`完成主体 9层` → `完成主体9层`,
 * `利用 LED显示屏` → `利用LED显示屏`) and turns half-width punctuation after Chinese into full width.
 */
export function tidy(text: string): string {
  return text
    .replace(SPACE_BY_CJK, '')
    .replace(HALF_WIDTH_AFTER_CJK, (mark) => FULL_WIDTH[mark]!)
    .replace(/\(([^()]*\p{Script=Han}[^()]*)\)/gu, '（$1）')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Two lines of one paragraph: only two Latin words keep a space between them. */
export function joinLines(before: string, after: string): string {
  return /[A-Za-z]$/.test(before) && /^[A-Za-z]/.test(after) ? `${before} ${after}` : before + after;
}

const ENUMERATED = /^(?:[一二三四五六七八九十]+[、是．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])/;

/**
 * Whether a line could be a title: a few words to a long line, with Chinese in it, no sentence
 * punctuation, not ending as an unfinished clause, not a numbered point inside an item.
 */
export function looksLikeTitle(text: string): boolean {
  const length = [...text].length;
  return (
    length >= 4 &&
    length <= 80 &&
    /\p{Script=Han}/u.test(text) &&
    !/[。；！？!?;]/.test(text) &&
    !/[，、：,:（(“‘—）)]$/.test(text) &&
    !ENUMERATED.test(text)
  );
}

/** A source unit in full-width parentheses at the very end: `……施工图设计。（通航试验区管委会）`. */
export function trailingUnit(text: string): { name: string; before: string } | undefined {
  const match = /^(.*?)\s*[（(]([^（）()。，；]{2,30})[）)]\s*$/su.exec(text);
  return match ? { name: match[2]!.trim(), before: match[1]!.trim() } : undefined;
}

/** `1月23日`, `1月 23日`, `2021年1月23日` in the text. */
function writtenDate(text: string): { year: number | undefined; month: number; day: number; written: string } | undefined {
  const match = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  if (!match) return undefined;
  return { year: match[1] ? Number(match[1]) : undefined, month: Number(match[2]), day: Number(match[3]), written: match[0] };
}

export interface ImportContext {
  units: Vocabulary;
  /** Canonical name of the editing office: items without a unit are its own. */
  office: string;
  /** `--year`, when the clerk gave it. */
  year: number | undefined;
  /** The target issue's year and date (FILL_IN_MARK when the issue is new and undated). */
  issueYear: number;
  issueDate: string;
}

export interface Finished {
  item: ItemDraft;
  /** What a person should look at, in Chinese. */
  notes: string[];
  /** Characters of the source in the file: title, body and unit as read (bulletin.ts counts the rest). */
  written: number;
  /** Characters of the source the layout says rather than the text: a unit's parentheses. */
  labels: number;
}

function itemDate(firstParagraph: string, context: ImportContext, notes: string[]): string {
  const found = writtenDate(firstParagraph);
  if (found) {
    let year = found.year ?? context.year ?? context.issueYear;
    const iso = (y: number) => `${y}-${String(found.month).padStart(2, '0')}-${String(found.day).padStart(2, '0')}`;
    // An issue of early January reports late December: the year the clerk did not write is the one before.
    if (found.year === undefined && context.year === undefined && parseIsoDate(context.issueDate) && parseIsoDate(iso(year))) {
      if (daysBetween(context.issueDate, iso(year)) > FUTURE_LIMIT_DAYS) year -= 1;
    }
    if (parseIsoDate(iso(year))) {
      notes.push(`日期 ${iso(year)} 取自正文“${found.written}”`);
      return iso(year);
    }
  }
  if (context.issueDate !== FILL_IN_MARK) {
    notes.push(`正文中没有日期，取本期出刊日期 ${context.issueDate}`);
    return context.issueDate;
  }
  notes.push('日期待填写');
  return FILL_IN_MARK;
}

/** A unit's canonical name, noting one not on the list with the closest that is. */
function resolveUnit(name: string, context: ImportContext, notes: string[]): string {
  const canonical = context.units.resolve(name);
  if (canonical !== undefined) return canonical;
  const near = context.units.suggest(name);
  notes.push(`来源单位“${name}”不在名单中${near ? `（最接近的是“${near}”）` : ''}：请核对，或请管理员把它加入 units.yaml`);
  return name;
}

/** Tidies the text (Markdown blocks stay as they are), takes the unit from the layout or the end of the text, and finds the date. */
export function finishItem(raw: RawItem, context: ImportContext): Finished {
  const notes: string[] = [];
  // A Markdown block stays even with no words in it (a picture).
  const blocks: Block[] = raw.paragraphs.map((block) => (typeof block === 'string' ? tidy(block) : block)).filter((block) => typeof block !== 'string' || block !== '');
  let unit: string | undefined;
  let asRead: string | undefined;
  let labels = 0;
  const last = blocks.at(-1);
  const found = raw.unit === undefined && typeof last === 'string' ? trailingUnit(last) : undefined;
  if (raw.unit !== undefined) {
    asRead = tidy(raw.unit);
    unit = resolveUnit(asRead, context, notes);
  } else if (found) {
    asRead = found.name;
    unit = resolveUnit(found.name, context, notes);
    labels = 2;
    if (found.before === '') blocks.pop();
    else blocks[blocks.length - 1] = found.before;
  }
  if (unit === context.office) unit = undefined;
  if (unit === undefined) notes.push('没有来源单位，作为编印单位自己的信息');
  const first = blocks[0];
  const date = itemDate(typeof first === 'string' ? first : '', context, notes);
  notes.push('栏目待填写');
  if (blocks.length === 0) notes.push('没有正文');
  const title = tidy(raw.title);
  const body = blocks.map((block) => (typeof block === 'string' ? block : block.markdown)).join('\n\n');
  const written = countCharacters(title) + blocks.reduce((n, block) => n + countCharacters(blockText(block)), 0) + countCharacters(asRead ?? '');
  return { item: { title, date, unit, category: FILL_IN_MARK, body }, notes, written, labels };
}
