/**
 * What a reader (PDF, Word, PDF text) makes of a bulletin, before the rules of rules.ts finish
 * each item: the masthead, the items, the colophon, and every piece of text that went elsewhere,
 * so that the summary can show what was read adds up to what was written and what was left out.
 */
import { isColophonLine, readColophon, readMasthead, type Colophon, type Masthead } from './masthead.ts';

/** A paragraph of text, or a block already written as Markdown (a list, a table, an image). */
export type Block = string | { markdown: string; /** The words in it, without the Markdown, as read. */ text: string };

/** An item as a reader found it: a title and its paragraphs, text not yet tidied. */
export interface RawItem {
  title: string;
  paragraphs: Block[];
  /** The source unit when the layout names it apart from the text (来源单位：…); else rules.ts looks at the end of the text. */
  unit?: string;
  /** Images to write beside the item: file name → bytes (Word documents). */
  images?: Map<string, Uint8Array>;
}

export interface ImportedBulletin {
  masthead: Masthead;
  items: RawItem[];
  colophon: Colophon | undefined;
  /** Text that belongs to no item, for a person to look at. */
  skipped: string[];
  /** Where a boundary is uncertain (a line that might be a title…), each quoting the text. */
  doubts: string[];
  /** Characters read, by where they went; see `countCharacters`. */
  characters: CharacterCount;
}

/** Characters other than white space, in each place the text of the file went. */
export interface CharacterCount {
  read: number;
  masthead: number;
  colophon: number;
  /** Page numbers and running heads. */
  furniture: number;
  skipped: number;
  /** What the layout says rather than the text: 来源单位：, the parentheses around a unit. */
  labels: number;
}

/** Characters other than white space. */
export const countCharacters = (text: string): number => text.replace(/\s+/gu, '').length;

export const noCharacters = (): CharacterCount => ({ read: 0, masthead: 0, colophon: 0, furniture: 0, skipped: 0, labels: 0 });

/** The text of a block, as counted. */
export const blockText = (block: Block): string => (typeof block === 'string' ? block : block.text);

/** What a reader of paragraphs (Word, PDF text) found, before the masthead and colophon are read from it. */
export interface TextSplit {
  items: RawItem[];
  /** The text before the first title: the masthead, and whatever else is there. */
  before: string[];
  /** Other text that belongs to no item. */
  stray: string[];
  /** The colophon's lines, when the reader found them apart; else they are read from the last item's end. */
  colophon?: string[];
  doubts?: string[];
  /** Characters read from the file. */
  read: number;
}

const sum = (texts: readonly string[]) => texts.reduce((n, text) => n + countCharacters(text), 0);

/** The masthead from the text before the first title, the colophon from the last item's end. */
export function assemble(split: TextSplit): ImportedBulletin {
  const characters = { ...noCharacters(), read: split.read };
  const { masthead, rest } = readMasthead(split.before);
  characters.masthead = sum(split.before) - sum(rest);
  const skipped = [...rest, ...split.stray];
  let colophon: Colophon | undefined;
  const last = split.items.at(-1);
  const at = last ? last.paragraphs.findIndex((block) => typeof block === 'string' && isColophonLine(block)) : -1;
  const lines = split.colophon?.length ? split.colophon : last && at >= 0 ? last.paragraphs.splice(at).map(blockText) : [];
  if (lines.length > 0) {
    const read = readColophon(lines);
    colophon = read.colophon;
    characters.colophon = sum(lines) - sum(read.rest);
    skipped.push(...read.rest);
  }
  characters.skipped = sum(skipped);
  return { masthead, items: split.items, colophon, skipped, doubts: split.doubts ?? [], characters };
}
