/**
 * A bulletin saved by Word or WPS as `.docx`, read with mammoth. Paragraphs are real there, so
 * only titles must be found: a paragraph in a heading style, or one set all in bold that reads
 * like a title. A bold phrase at the start of a body paragraph is emphasis, not a title.
 *
 * mammoth's document model (paragraphs, runs with `isBold`, text) is reached through its
 * `transformDocument` option, which its README calls unstable: the version is pinned exactly in
 * package.json and tests/tools/import.test.ts reads a .docx through it.
 */
import mammoth from 'mammoth';
import { looksLikeTitle, type RawItem } from './rules.ts';
import type { TextSplit } from './pdf-text.ts';

interface Element {
  type: string;
  children?: Element[];
  value?: string;
  styleName?: string | null;
  isBold?: boolean;
}

interface Paragraph {
  heading: boolean;
  /** Text runs, in order, with their boldness. */
  runs: { text: string; bold: boolean }[];
}

const HEADING_STYLE = /^(heading\s*\d|title|标题\s*\d*)$/i;

function runsOf(element: Element, bold: boolean, runs: Paragraph['runs']): void {
  const isBold = element.type === 'run' ? Boolean(element.isBold) : bold;
  if (element.type === 'text') runs.push({ text: element.value ?? '', bold });
  // A line break inside a paragraph: `tidy` later drops it beside Chinese, like a PDF line end.
  else if (element.type === 'tab' || element.type === 'break') runs.push({ text: ' ', bold });
  for (const child of element.children ?? []) runsOf(child, isBold, runs);
}

function paragraphsOf(element: Element, found: Paragraph[]): void {
  if (element.type === 'paragraph') {
    const runs: Paragraph['runs'] = [];
    runsOf(element, false, runs);
    found.push({ heading: HEADING_STYLE.test(element.styleName ?? ''), runs });
    return;
  }
  for (const child of element.children ?? []) paragraphsOf(child, found);
}

function isTitle(paragraph: Paragraph, text: string): boolean {
  return paragraph.heading || (paragraph.runs.every((run) => run.bold || run.text.trim() === '') && looksLikeTitle(text));
}

export async function splitDocx(file: string): Promise<TextSplit> {
  const paragraphs: Paragraph[] = [];
  await mammoth.convertToHtml(
    { path: file },
    {
      transformDocument: (document: Element) => {
        paragraphsOf(document, paragraphs);
        return document;
      },
    },
  );
  const items: RawItem[] = [];
  const skipped: string[] = [];
  for (const paragraph of paragraphs) {
    const text = paragraph.runs.map((run) => run.text).join('').trim();
    if (text === '') continue;
    if (isTitle(paragraph, text)) items.push({ title: text, paragraphs: [] });
    else if (items.length > 0) items.at(-1)!.paragraphs.push(text);
    else skipped.push(text);
  }
  return { items, skipped };
}
