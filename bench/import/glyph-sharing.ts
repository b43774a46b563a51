/**
 * Which characters come back as another code point when chromium prints them and pdf.js reads
 * the PDF: a font draws two code points with one glyph and the PDF's ToUnicode map names it by
 * the other (a Kangxi radical, a CJK radical or variant). Prints GB 2312's characters in each CJK
 * font the project uses, regular and bold, and lists every character read back otherwise, as
 * the table in src/tools/import/pdf-lines.ts has them.
 *
 *   node --import tsx bench/import/glyph-sharing.ts
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { launchChromium } from '../../src/print/index.ts';
import { readPdfLines } from '../../src/tools/import/pdf-lines.ts';

const FONTS = ["'Noto Sans CJK SC'", "'Noto Serif CJK SC'", "'AR PL UMing CN'", "'AR PL UKai CN'"];
const characters: string[] = [];
for (let high = 0xb0; high <= 0xf7; high++) {
  for (let low = 0xa1; low <= 0xfe; low++) {
    const character = iconv.decode(Buffer.from([high, low]), 'gb2312');
    if (/\p{Script=Han}/u.test(character)) characters.push(character);
  }
}
const lines = Array.from({ length: Math.ceil(characters.length / 30) }, (_, i) => characters.slice(i * 30, i * 30 + 30).join(''));
const wanted = lines.join('');
const pdf = path.join(os.tmpdir(), `glyph-sharing-${process.pid}.pdf`);
const browser = await launchChromium();
/** Read back → meant, whatever the table in pdf-lines.ts already turns back. */
const found = new Map<string, string>();
try {
  for (const font of FONTS) {
    for (const weight of ['normal', 'bold']) {
      const page = await browser.newPage();
      await page.setContent(`<html><body style="font: ${weight} 12pt ${font}">${lines.map((line) => `<p>${line}</p>`).join('')}</body></html>`);
      await page.pdf({ path: pdf });
      await page.close();
      const back = (await readPdfLines(pdf)).lines.map((line) => line.text.replace(/\s/g, '')).join('');
      if (back.length !== wanted.length) console.log(`${font} ${weight}: ${back.length} characters read, ${wanted.length} printed`);
      for (let i = 0; i < Math.min(back.length, wanted.length); i++) if (back[i] !== wanted[i]) found.set(back[i]!, wanted[i]!);
    }
  }
} finally {
  await browser.close();
  await rm(pdf, { force: true });
}
console.log(`${characters.length} characters in ${FONTS.length} fonts, regular and bold: ${found.size} read back otherwise (after the table).`);
for (const [read, meant] of found) console.log(`${read} U+${read.codePointAt(0)!.toString(16).toUpperCase()} → ${meant}`);
