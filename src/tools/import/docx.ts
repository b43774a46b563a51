/**
 * A bulletin saved by Word or WPS as `.docx`, read with mammoth. Paragraphs are real there, so
 * the structure comes from styles and runs: a paragraph in a heading style, or set all in bold,
 * or centred, that reads like a title is a title (a bold phrase at the start of a body paragraph
 * is emphasis); Word's numbered and bulleted paragraphs become Markdown lists, its tables GFM
 * tables, its pictures image files beside the item (their text alternative is for the clerk to
 * write: `check` asks for it). The masthead is what comes before the first item, up to its last
 * 第N期 or dated line; the colophon is read from the end by bulletin.ts.
 *
 * mammoth's document model (paragraphs, runs with `isBold`, numbering, tables, images) is reached
 * through its `transformDocument` option, which its README calls unstable: the version is pinned
 * exactly in package.json and tests/tools/import.test.ts reads .docx files made with `docx`.
 */
import mammoth from 'mammoth';
import { IMAGE_NAME } from '../item-file.ts';
import { countCharacters, type Block, type RawItem, type TextSplit } from './bulletin.ts';
import { isMastheadLine } from './masthead.ts';
import { looksLikeTitle, tidy } from './rules.ts';

interface Element {
  type: string;
  children?: Element[];
  value?: string;
  styleName?: string | null;
  isBold?: boolean;
  alignment?: string | null;
  numbering?: { isOrdered: boolean; level: string } | null;
  altText?: string;
  contentType?: string;
  readAsBuffer?: () => Promise<Buffer>;
}

interface Picture {
  alt: string;
  extension: string;
  read: () => Promise<Buffer>;
}

interface Paragraph {
  kind: 'paragraph';
  heading: boolean;
  centred: boolean;
  numbering: { ordered: boolean; level: number } | undefined;
  /** Text runs, in order, with their boldness. */
  runs: { text: string; bold: boolean }[];
  pictures: Picture[];
}

interface Table {
  kind: 'table';
  rows: string[][];
}

type Piece = Paragraph | Table;

const HEADING_STYLE = /^(heading\s*\d|title|标题\s*\d*)$/i;
const PICTURE_EXTENSION: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

function runsOf(element: Element, bold: boolean, paragraph: Paragraph): void {
  const isBold = element.type === 'run' ? Boolean(element.isBold) : bold;
  if (element.type === 'text') paragraph.runs.push({ text: element.value ?? '', bold });
  // A line break inside a paragraph: `tidy` later drops it beside Chinese, like a PDF line end.
  else if (element.type === 'tab' || element.type === 'break') paragraph.runs.push({ text: ' ', bold });
  else if (element.type === 'image' && element.readAsBuffer) {
    const extension = PICTURE_EXTENSION[element.contentType ?? ''];
    if (extension) paragraph.pictures.push({ alt: (element.altText ?? '').trim(), extension, read: element.readAsBuffer });
  }
  for (const child of element.children ?? []) runsOf(child, isBold, paragraph);
}

const textOf = (paragraph: Paragraph) => paragraph.runs.map((run) => run.text).join('').trim();

function paragraphOf(element: Element): Paragraph {
  const paragraph: Paragraph = {
    kind: 'paragraph',
    heading: HEADING_STYLE.test(element.styleName ?? ''),
    centred: element.alignment === 'center',
    numbering: element.numbering ? { ordered: element.numbering.isOrdered, level: Number(element.numbering.level) || 0 } : undefined,
    runs: [],
    pictures: [],
  };
  runsOf(element, false, paragraph);
  return paragraph;
}

function piecesOf(element: Element, found: Piece[]): void {
  if (element.type === 'paragraph') found.push(paragraphOf(element));
  else if (element.type === 'table') {
    const rows = (element.children ?? []).map((row) => (row.children ?? []).map((cell) => cellText(cell)));
    found.push({ kind: 'table', rows });
  } else for (const child of element.children ?? []) piecesOf(child, found);
}

/** A cell's paragraphs, one line. */
function cellText(cell: Element): string {
  const paragraphs: Piece[] = [];
  piecesOf(cell, paragraphs);
  return paragraphs.map((p) => (p.kind === 'paragraph' ? textOf(p) : p.rows.flat().join(' '))).join(' ').trim();
}

function isTitle(paragraph: Paragraph, text: string): boolean {
  if (paragraph.numbering || paragraph.pictures.length > 0) return false;
  return paragraph.heading || ((paragraph.runs.every((run) => run.bold || run.text.trim() === '') || paragraph.centred) && looksLikeTitle(text));
}

const cell = (text: string) => tidy(text).replaceAll('|', '\\|');

function tableBlock(table: Table): Block {
  const width = Math.max(...table.rows.map((row) => row.length));
  const row = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cell(cells[i] ?? '')).join(' | ')} |`;
  const [head = [], ...body] = table.rows;
  const markdown = [row(head), `| ${Array(width).fill('---').join(' | ')} |`, ...body.map(row)].join('\n');
  return { markdown, text: table.rows.flat().join('') };
}

function listBlock(paragraphs: Paragraph[]): Block {
  const counters: number[] = [];
  const lines = paragraphs.map((paragraph) => {
    const { ordered, level } = paragraph.numbering!;
    counters.length = level + 1;
    counters[level] = (counters[level] ?? 0) + 1;
    return `${'   '.repeat(level)}${ordered ? `${counters[level]}.` : '-'} ${tidy(textOf(paragraph))}`;
  });
  return { markdown: lines.join('\n'), text: paragraphs.map(textOf).join('') };
}

export async function splitDocx(file: string): Promise<TextSplit> {
  const pieces: Piece[] = [];
  await mammoth.convertToHtml(
    { path: file },
    {
      transformDocument: (document: Element) => {
        piecesOf(document, pieces);
        return document;
      },
    },
  );
  const split: TextSplit = { items: [], before: [], stray: [], read: 0 };
  const texts = pieces.map((piece) => (piece.kind === 'paragraph' ? textOf(piece) : piece.rows.flat().join('')));
  split.read = texts.reduce((n, text) => n + countCharacters(text), 0);
  // The masthead: the leading paragraphs up to the last 第N期 or dated one before any body text.
  let mastheadEnd = -1;
  for (const [i, piece] of pieces.entries()) {
    if (texts[i] === '') continue;
    if (isMastheadLine(texts[i]!)) mastheadEnd = i;
    else if (piece.kind === 'table' || !isTitle(piece, texts[i]!)) break;
  }
  let item: RawItem | undefined;
  let list: Paragraph[] = [];
  let pictures = 0;
  const reads: Promise<void>[] = [];
  const flushList = () => {
    if (list.length > 0 && item) item.paragraphs.push(listBlock(list));
    list = [];
  };
  for (const [i, piece] of pieces.entries()) {
    const text = texts[i]!;
    if (i <= mastheadEnd) {
      if (text !== '') split.before.push(text);
      continue;
    }
    if (piece.kind === 'paragraph' && piece.numbering && item) {
      list.push(piece);
      continue;
    }
    flushList();
    if (piece.kind === 'table') {
      if (item) item.paragraphs.push(tableBlock(piece));
      else split.stray.push(text);
      continue;
    }
    if (text === '' && piece.pictures.length === 0) continue;
    if (isTitle(piece, text)) {
      item = { title: text, paragraphs: [], images: new Map() };
      split.items.push(item);
      continue;
    }
    if (!item) {
      split.stray.push(text);
      continue;
    }
    if (text !== '') item.paragraphs.push(text);
    for (const picture of piece.pictures) {
      const name = `tu${++pictures}.${picture.extension}`;
      item.paragraphs.push({ markdown: `![${picture.alt}](${IMAGE_NAME}${name})`, text: '' });
      const images = item.images!;
      reads.push(picture.read().then((bytes) => void images.set(name, bytes)));
    }
  }
  flushList();
  await Promise.all(reads);
  return split;
}
