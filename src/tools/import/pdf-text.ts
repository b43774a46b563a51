/**
 * A bulletin's text as a PDF viewer or pdftotext gives it: one line per printed line (often with
 * blank lines between), a space at the start of a line after a page break, stray spaces before
 * digits, and nothing that says where a paragraph or an item ends. The layout says it:
 * - the body is set at one width, so a line that ends well short of it ends a paragraph;
 * - a title is set larger, on a line of its own or running into the first line of its body
 *   after a space, right after a sentence has ended;
 * - an item ends with its source unit in parentheses, when it has one.
 */
import { joinLines, looksLikeTitle, trailingUnit, type RawItem } from './rules.ts';

export interface TextSplit {
  items: RawItem[];
  /** Lines that belong to no item (a masthead before the first title, say), for a person to look at. */
  skipped: string[];
}

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

/**
 * `isUnit` tells a source unit from other closing parentheses: only a known unit ends an item
 * by itself (a title after it ends it anyway).
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
  const skipped: string[] = [];
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
    if (afterSentence && short(index) && head && looksLikeTitle(head[1]!) && !head[1]!.includes('，')) {
      // The title ran into the first line of its body; that line is short only because of the title.
      startItem(head[1]!, head[2]!);
    } else if (afterSentence && short(index) && hasNext && looksLikeTitle(line)) {
      startItem(line);
    } else if (!item) {
      skipped.push(line);
    } else {
      paragraph = paragraph === undefined ? line : joinLines(paragraph, line);
      // The whole paragraph, for a unit whose parentheses a line break split.
      const unit = trailingUnit(paragraph);
      if (unit && isUnit(unit.name)) {
        endParagraph();
        item = undefined;
      } else if (short(index)) {
        endParagraph();
      }
    }
    afterSentence = SENTENCE_END.test(line);
  });
  endParagraph();
  return { items, skipped };
}
