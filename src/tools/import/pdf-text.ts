/**
 * A bulletin's text as a PDF viewer or pdftotext gives it: one line per printed line (often with
 * blank lines between), a space at the start of a line after a page break, stray spaces before
 * digits, and nothing that says where a paragraph or an item ends. The layout says it:
 * - the body is set at one width, so a line that ends well short of it ends a paragraph;
 * - a title is set larger, on a line of its own or running into the first line of its body
 *   after a space, right after a sentence has ended;
 * - an item ends with its source unit in parentheses, when it has one.
 */
import { countCharacters, type RawItem, type TextSplit } from './bulletin.ts';
import { isColophonLine, isMastheadLine } from './masthead.ts';
import { joinLines, looksLikeTitle, trailingUnit } from './rules.ts';

/** Printed width in full-width characters: Latin letters, digits and spaces take half. */
function width(text: string): number {
  let total = 0;
  for (const char of text) total += char.codePointAt(0)! < 0x2000 ? 0.5 : 1;
  return total;
}

/** How far short of the full width a line must end to end its paragraph; a first-line indent is 2. */
const SHORT = 2.5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const SENTENCE_END = /[。！？!?”’」』）)]$/;

/** Names of offices end so: a (单位) ending so ends its item even when it is not on the list yet. */
const UNIT_NAME = /(?:街道|办事处|管委会|委员会|局|委|办公室|办|中心|镇|乡|公司|集团|医院|学校|院|所|站|队|部|处|厅|会|社区|村)$/;

/**
 * `isUnit` tells a source unit from other closing parentheses: a known unit, or a name that ends
 * as an office's does, ends an item by itself (a title after it ends it anyway).
 */
export function splitPdfText(text: string, isUnit: (name: string) => boolean): TextSplit {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const widths = lines.map(width);
  const full = median(widths);
  // Text that was never wrapped (one paragraph a line) has no common width: every line is a paragraph.
  const atFull = widths.filter((w) => Math.abs(w - full) <= 1.5).length;
  const wrapped = atFull >= 3 && atFull * 2 >= lines.length;
  const short = (index: number) => !wrapped || widths[index]! < full - SHORT;

  const items: RawItem[] = [];
  const before: string[] = [];
  const stray: string[] = [];
  const colophon: string[] = [];
  const doubts: string[] = [];
  let item: RawItem | undefined;
  let paragraph: string | undefined;
  let afterSentence = true;

  const endParagraph = () => {
    if (item && paragraph !== undefined) item.paragraphs.push(paragraph);
    paragraph = undefined;
  };
  const startItem = (title: string, body?: string) => {
    endParagraph();
    item = { title, paragraphs: [] };
    items.push(item);
    paragraph = body;
  };

  lines.forEach((line, index) => {
    const head = /^(\S+)\s+(\S.*)$/.exec(line);
    const hasNext = index + 1 < lines.length;
    const runIn = afterSentence && head && looksLikeTitle(head[1]!) && !head[1]!.includes('，');
    if (colophon.length > 0 || (items.length > 0 && isColophonLine(line))) {
      endParagraph();
      colophon.push(line);
    } else if (isMastheadLine(line) && paragraph === undefined && items.every((found) => found.paragraphs.length === 0)) {
      // 第3期 or the office and date: what came before was the masthead's name, not a title.
      before.push(...items.splice(0).map((found) => found.title), line);
      item = undefined;
    } else if (runIn && short(index)) {
      // The title ran into the first line of its body; that line is short only because of the title.
      startItem(head[1]!, head[2]!);
    } else if (runIn && paragraph === undefined && [...head[1]!].length >= 8) {
      // At a paragraph's start, a title-like run before a space on a full line: most likely a title run into its body.
      doubts.push(`这一行开头像是标题，已拆为标题“${head[1]}”和正文，请核对：“${line}”`);
      startItem(head[1]!, head[2]!);
    } else if (afterSentence && short(index) && hasNext && looksLikeTitle(line)) {
      startItem(line);
    } else if (!item) {
      (items.length === 0 ? before : stray).push(line);
    } else {
      paragraph = paragraph === undefined ? line : joinLines(paragraph, line);
      // The whole paragraph, for a unit whose parentheses a line break split.
      const unit = trailingUnit(paragraph);
      if (unit && (isUnit(unit.name) || (UNIT_NAME.test(unit.name) && short(index)))) {
        endParagraph();
        item = undefined;
      } else if (short(index)) {
        endParagraph();
      }
    }
    // A title may follow a sentence, or the masthead.
    afterSentence = SENTENCE_END.test(line) || isMastheadLine(line);
  });
  endParagraph();
  return { items, before, stray, colophon, doubts, read: countCharacters(text) };
}
