/**
 * A PDF's text as printed lines, read with Mozilla's PDF.js (pdfjs-dist 5.6, the last release
 * for Node 20): where each line starts and ends, its font size, and whether its type is bold,
 * with the runs of another size or weight inside it (a title that runs into its body's first
 * line). The layout reader (pdf-layout.ts) rebuilds the bulletin from them.
 */
import { readFile } from 'node:fs/promises';

export interface Run {
  text: string;
  size: number;
  bold: boolean;
}

export interface PdfLine {
  /** 1-based. */
  page: number;
  /** Left and right ends and baseline, in points from the page's bottom left. */
  x: number;
  right: number;
  y: number;
  /** The largest font size on the line, in points. */
  size: number;
  /** Whether most of its characters are bold. */
  bold: boolean;
  text: string;
  runs: Run[];
}

export interface PdfText {
  lines: PdfLine[];
  pages: number;
  /** Page height in points, for telling running heads and page numbers by where they sit. */
  height: number;
}

/** Fonts of titles in Chinese official documents (黑体, 小标宋) and any font named bold. */
const BOLD_FONT = /bold|black|heavy|semibold|hei|xbs|xiaobiaosong|小标宋|黑体/i;
/**
 * A font may draw two code points with one glyph, and the PDF's ToUnicode map then names the
 * glyph by the other: a Kangxi radical (⼯ for 工, which NFKC undoes) or a CJK radical or
 * variant that NFKC leaves (⻢ for 马). Measured by bench/import/glyph-sharing.ts: GB 2312's
 * 6,763 characters printed by chromium in Noto Sans and Serif CJK SC and AR PL UMing and UKai,
 * regular and bold, read back with pdf.js; after NFKC these came back as the first row, meaning
 * the second. With the table every one comes back as printed.
 */
const SHARED_GLYPHS: ReadonlyMap<string, string> = ((read: string, meant: string) => new Map([...read].map((c, i) => [c, [...meant][i]!])))(
  '⺅⺉⺎⺐⺒⺓⺕⺖⺘⺙⺠⺡⺣⺦⺨⺭⺰⺺⺾⻁⻂⻅⻆⻈⻉⻋⻌⻐⻓⻔⻖⻘⻙⻚⻛⻜⻝⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰㬵戶',
  '亻刂兀尢巳幺彐忄扌攵民氵灬丬犭礻纟肀艹虎衤见角讠贝车辶钅长门阝青韦页风飞食饣马骨鬼鱼鸟卤麦黄黾齐齿龙胶户',
);
/** The characters meant, for the ones a shared glyph names otherwise. */
export const meantCharacters = (text: string): string =>
  text.replace(/[\u2E80-\u2FDF\u3B35\u6236]/gu, (c) => {
    // A Kangxi radical's NFKC form may itself be a character the table turns (⼾ → 戶 → 户).
    const normal = SHARED_GLYPHS.get(c) ?? c.normalize('NFKC');
    return SHARED_GLYPHS.get(normal) ?? normal;
  });
const LATIN_END = /[A-Za-z0-9]$/;
const LATIN_START = /^[A-Za-z0-9]/;

interface Piece {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  bold: boolean;
}

function toLines(pieces: Piece[], page: number): PdfLine[] {
  // Top to bottom, then left to right; a piece on the same baseline (within a fifth of its size) joins the line.
  pieces.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Piece[][] = [];
  for (const piece of pieces) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - piece.y) <= Math.max(line[0]!.size, piece.size) * 0.2) line.push(piece);
    else lines.push([piece]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    const runs: Run[] = [];
    let text = '';
    let previous: Piece | undefined;
    for (const piece of line) {
      // A gap of a character or more between two pieces is a space as printed (the office and the date of a masthead).
      const gap = previous ? piece.x - previous.right : 0;
      const space = previous && (gap > piece.size * 0.8 || (gap > piece.size * 0.15 && LATIN_END.test(text) && LATIN_START.test(piece.text))) ? ' ' : '';
      const last = runs.at(-1);
      if (last && last.size === piece.size && last.bold === piece.bold) last.text += space + piece.text;
      else runs.push({ text: space + piece.text, size: piece.size, bold: piece.bold });
      text += space + piece.text;
      previous = piece;
    }
    const boldChars = runs.filter((run) => run.bold).reduce((n, run) => n + run.text.length, 0);
    return {
      page,
      x: line[0]!.x,
      right: Math.max(...line.map((piece) => piece.right)),
      y: line[0]!.y,
      size: Math.max(...line.map((piece) => piece.size)),
      bold: boldChars * 2 > text.length,
      text,
      runs,
    };
  });
}

/** Reads every page's text with its positions and fonts. */
export async function readPdfLines(file: string): Promise<PdfText> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await readFile(file));
  // No font is loaded into anything and no script runs: only text and its positions are read.
  const document = await getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const lines: PdfLine[] = [];
  let height = 842;
  try {
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      height = page.view[3]! - page.view[1]!;
      // The operator list loads the fonts, whose names say which are bold.
      await page.getOperatorList();
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , c, d, e, f] = item.transform as number[];
        const size = Math.round(Math.hypot(c!, d!) * 10) / 10;
        const font = page.commonObjs.has(item.fontName) ? (page.commonObjs.get(item.fontName) as { name?: string }).name ?? '' : '';
        pieces.push({ text: meantCharacters(item.str), x: e!, right: e! + item.width, y: f!, size, bold: BOLD_FONT.test(font) });
      }
      lines.push(...toLines(pieces, number));
      page.cleanup();
    }
  } finally {
    await document.destroy();
  }
  return { lines, pages: document.numPages, height };
}
