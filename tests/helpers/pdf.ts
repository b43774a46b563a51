/** Reading a printed PDF back as a reviewer would, with poppler-utils (installed by tests/setup/ensure-browser.sh). */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Text without white space: PDF text breaks lines and spaces CJK where the page did. */
export const flat = (text: string): string => text.replace(/\s+/g, '');

/** The text of the whole PDF, or of one page (1-based), as pdftotext reads it. */
export async function pageText(pdf: string, page?: number): Promise<string> {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return (await run('pdftotext', [...range, pdf, '-'])).stdout;
}

/** The targets of the PDF's link annotations (`/URI (…)`), as chromium writes them. */
export async function linkTargets(pdf: string): Promise<string[]> {
  return [...(await readFile(pdf)).toString('latin1').matchAll(/\/URI\s*\(([^)]*)\)/g)].map((match) => match[1]!);
}
