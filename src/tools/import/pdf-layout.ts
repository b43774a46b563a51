/**
 * A printed bulletin rebuilt from its PDF lines (pdf-lines.ts). The layout says what the text
 * does not:
 * - titles are set larger than the body (or bold at its size), on lines of their own (a long one
 *   on two), or running into the first line of the body before the type changes;
 * - a paragraph starts with a first-line indent and ends on a line that stops short of the measure;
 * - the masthead (name far larger than the body, 第N期, office and date) comes before the first
 *   title, the colophon (报送, 抄送, 发送, 共印N份) after the last item;
 * - page numbers and running heads sit in the top or bottom margin.
 * Where the layout leaves a boundary uncertain, a doubt quotes the line.
 */
import { countCharacters, noCharacters, type ImportedBulletin, type RawItem } from './bulletin.ts';
import { isColophonLine, isMastheadLine, readColophon, readMasthead } from './masthead.ts';
import type { PdfLine, PdfText } from './pdf-lines.ts';
import { joinLines, looksLikeTitle, trailingUnit } from './rules.ts';

const PAGE_NUMBER = /^(?:[-—–－\s]*\d{1,3}[-—–－\s]*|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;
/** The margins, as a share of the page's height, where page numbers and running heads sit. */
const MARGIN = 0.1;
const UNIT_LINE = /^来源单位\s*[：:]\s*(.+)$/;
const UNIT_ONLY = /^[（(]([^（）()。，；]{2,30})[）)]$/;

const mode = (values: number[]): number => {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
};

/** Page numbers, lines in small type in a margin, and lines repeated in the same margin on most pages (running heads). */
function furnitureOf(pdf: PdfText, bodySize: number): Set<PdfLine> {
  const inMargin = (line: PdfLine) => line.y < pdf.height * MARGIN || line.y > pdf.height * (1 - MARGIN);
  const furniture = new Set(pdf.lines.filter((line) => inMargin(line) && (PAGE_NUMBER.test(line.text.trim()) || line.size < bodySize * 0.8)));
  const repeated = new Map<string, PdfLine[]>();
  for (const line of pdf.lines.filter(inMargin)) {
    const key = line.text.replace(/\d+/g, '#').replace(/\s+/g, '');
    repeated.set(key, [...(repeated.get(key) ?? []), line]);
  }
  for (const lines of repeated.values()) {
    if (pdf.pages > 1 && new Set(lines.map((l) => l.page)).size >= Math.max(2, pdf.pages / 2)) for (const line of lines) furniture.add(line);
  }
  return furniture;
}

interface Measure {
  /** The body's font size. */
  size: number;
  /** Each page's left edge and right edge of the body (pages alternate for binding). */
  left: Map<number, number>;
  right: Map<number, number>;
}

function measureOf(lines: readonly PdfLine[]): Measure {
  const sizes = lines.flatMap((line) => line.runs.flatMap((run) => Array<number>(run.text.length).fill(Math.round(run.size * 2) / 2)));
  const size = mode(sizes);
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  for (const page of new Set(lines.map((line) => line.page))) {
    const body = lines.filter((line) => line.page === page && Math.abs(line.size - size) < 1);
    if (body.length === 0) continue;
    left.set(page, mode(body.map((line) => Math.round(line.x))));
    right.set(page, Math.max(...body.map((line) => line.right)));
  }
  return { size, left, right };
}

export function readLayout(pdf: PdfText): ImportedBulletin {
  const characters = noCharacters();
  characters.read = pdf.lines.reduce((n, line) => n + countCharacters(line.text), 0);
  const furniture = furnitureOf(pdf, measureOf(pdf.lines).size);
  characters.furniture = [...furniture].reduce((n, line) => n + countCharacters(line.text), 0);
  const lines = pdf.lines.filter((line) => !furniture.has(line));
  const measure = measureOf(lines);
  const body = measure.size;
  const big = (size: number) => size >= body * 1.15;
  const indented = (line: PdfLine) => line.x - (measure.left.get(line.page) ?? line.x) >= body * 1.2;
  const short = (line: PdfLine) => line.right < (measure.right.get(line.page) ?? line.right) - body * 1.5;

  const bulletin: ImportedBulletin = { masthead: {}, items: [], colophon: undefined, skipped: [], doubts: [], characters };
  const mastheadLines: string[] = [];
  let mastheadName: string | undefined;
  const colophonLines: string[] = [];
  let item: RawItem | undefined;
  let paragraph: string | undefined;
  /** Whether the item's source unit has been read: text after it, before a title, is doubtful. */
  let closed = false;
  let stage: 'masthead' | 'items' | 'colophon' = 'masthead';

  const endParagraph = () => {
    if (item && paragraph !== undefined) item.paragraphs.push(paragraph);
    paragraph = undefined;
  };
  const startItem = (title: string) => {
    endParagraph();
    item = { title, paragraphs: [] };
    bulletin.items.push(item);
    closed = false;
    stage = 'items';
  };
  const skip = (text: string) => {
    bulletin.skipped.push(text);
    characters.skipped += countCharacters(text);
  };

  const titleInBodyType = (line: PdfLine) => Math.abs(line.size - body) < 1 && line.bold && looksLikeTitle(line.text.trim());
  /**
   * The last line of a title in the body's type that starts at `index`: bold, on lines of its own
   * (up to three), the last ending short, with an indented paragraph or 来源单位 after it; or -1.
   */
  const boldTitleEnd = (index: number): number => {
    if (!titleInBodyType(lines[index]!)) return -1;
    let end = index;
    while (end - index < 2 && lines[end + 1] && titleInBodyType(lines[end + 1]!)) end++;
    const after = lines[end + 1];
    const bodyFollows = after !== undefined && ((indented(after) && !after.bold) || UNIT_LINE.test(after.text.trim()));
    return short(lines[end]!) && bodyFollows ? end : -1;
  };
  /** Lines already taken as part of a title. */
  let takenUntil = -1;

  lines.forEach((line, index) => {
    if (index <= takenUntil) return;
    const text = line.text.trim();
    if (stage === 'colophon' || (stage === 'items' && isColophonLine(text))) {
      endParagraph();
      stage = 'colophon';
      colophonLines.push(text);
      return;
    }
    const titleLine = big(line.size) && line.size < body * 1.8 && !isMastheadLine(text);
    const boldEnd = titleLine ? -1 : boldTitleEnd(index);
    const boldTitle = boldEnd >= 0;
    // A title that runs into the body's first line: the type changes after it.
    const [first, ...rest] = line.runs;
    const runIn =
      !titleLine && first !== undefined && rest.length > 0 && (big(first.size) || (first.bold && !rest.some((run) => run.bold))) && looksLikeTitle(first.text.trim());
    const mayStart = paragraph === undefined || closed;
    if (stage === 'masthead' && !titleLine && !(mayStart && (boldTitle || runIn))) {
      if (isMastheadLine(text)) mastheadLines.push(text);
      else if (line.size >= body * 1.8 && mastheadName === undefined) mastheadName = text;
      else if (big(line.size) || line.page === 1) mastheadLines.push(text);
      else skip(text);
      return;
    }
    if (titleLine) {
      // A title set on two lines: the second, in the same type, right after the first.
      const previous = lines[index - 1];
      if (item && paragraph === undefined && item.paragraphs.length === 0 && previous && Math.abs(previous.size - line.size) < 0.5 && big(previous.size)) {
        item.title = joinLines(item.title, text);
      } else startItem(text);
      return;
    }
    if (boldTitle && mayStart) {
      startItem(lines.slice(index, boldEnd + 1).map((l) => l.text.trim()).reduce(joinLines));
      takenUntil = boldEnd;
      return;
    }
    if (runIn && mayStart) {
      startItem(first!.text.trim());
      paragraph = rest.map((run) => run.text).join('').trim();
      if (short(line)) endParagraph();
      return;
    }
    if (!item) {
      skip(text);
      return;
    }
    const unit = UNIT_LINE.exec(text);
    if (unit && item.paragraphs.length === 0 && paragraph === undefined) {
      item.unit = unit[1]!.trim();
      characters.labels += countCharacters(text) - countCharacters(item.unit);
      return;
    }
    if (UNIT_ONLY.test(text)) {
      // A unit on a line of its own, set to the right: it ends the item's text.
      endParagraph();
      item.paragraphs.push(text);
      closed = true;
      return;
    }
    if (indented(line) || paragraph === undefined) {
      if (closed) bulletin.doubts.push(`这段文字在“${item.title}”的来源单位之后、下一个标题之前，已归入该条，请核对：“${text}”`);
      endParagraph();
      paragraph = text;
    } else paragraph = joinLines(paragraph, text);
    if (short(line)) {
      // An item ends with its unit in parentheses, on the paragraph's last line or a line of its own.
      if (UNIT_ONLY.test(paragraph) || trailingUnit(paragraph)) closed = true;
      endParagraph();
    }
    if (line.bold && looksLikeTitle(text) && !boldTitle) bulletin.doubts.push(`这一行加粗、像标题，但后面没有缩进的正文，已作为正文，请核对：“${text}”`);
  });
  endParagraph();

  const { masthead, rest } = readMasthead(mastheadLines, mastheadName);
  bulletin.masthead = masthead;
  characters.masthead = [...mastheadLines, ...(mastheadName ? [mastheadName] : [])].reduce((n, t) => n + countCharacters(t), 0);
  for (const text of rest) {
    bulletin.skipped.push(text);
    characters.masthead -= countCharacters(text);
    characters.skipped += countCharacters(text);
  }
  if (colophonLines.length > 0) {
    const read = readColophon(colophonLines);
    bulletin.colophon = read.colophon;
    characters.colophon = colophonLines.reduce((n, t) => n + countCharacters(t), 0) - read.rest.reduce((n, t) => n + countCharacters(t), 0);
    for (const text of read.rest) skip(text);
  }
  return bulletin;
}
