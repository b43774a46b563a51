/**
 * Prints a page of a built site to PDF with headless chromium, as a reader's browser prints it:
 * the stylesheet's print layout (GB/T 9704 for an issue) on A4.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from './chromium.ts';
import { serve } from './serve.ts';

/** A problem the person printing can fix; the message is Chinese and says how. */
export class PrintError extends Error {}

/** Families fontconfig offers for Chinese; empty when there is no CJK font (or no fontconfig). */
export function cjkFontFamilies(): Promise<string[]> {
  return new Promise((resolve) => {
    execFile('fc-list', [':lang=zh', 'family'], (error, stdout) => {
      resolve(error ? [] : [...new Set(String(stdout).split('\n').map((line) => line.trim()).filter(Boolean))]);
    });
  });
}

/**
 * Without a CJK font chromium prints every Chinese character as an empty box while the PDF's
 * text layer still reads correctly, so nothing else would catch it.
 */
export async function requireCjkFont(): Promise<void> {
  if ((await cjkFontFamilies()).length > 0) return;
  throw new PrintError(
    '未找到中文字体：没有中文字体时，PDF 中的汉字会全部显示为空白方框。' +
      '请先安装中文字体，如 sudo apt-get install fonts-noto-cjk（Debian/Ubuntu），再重新运行。',
  );
}

export interface PrintRequest {
  /** A built site (the output folder of `npm run build`). */
  siteDir: string;
  /** Root-relative URL of the page, e.g. `/2021/03/`. */
  url: string;
  /** PDF file to write. */
  out: string;
  /** The path prefix the site was built with (`BuildResult.address`); `/` unless given. */
  pathPrefix?: string;
}

export async function printPdf(request: PrintRequest): Promise<void> {
  await requireCjkFont();
  const siteDir = path.resolve(request.siteDir);
  await access(path.join(siteDir, request.url, 'index.html')).catch(() => {
    throw new PrintError(`网站目录 ${request.siteDir} 中没有页面 ${request.url}：请先运行 npm run build，并核对期次`);
  });
  const server = await serve(siteDir, request.pathPrefix);
  try {
    const browser = await launchChromium().catch((error: unknown) => {
      throw new PrintError(`无法启动 Chromium 浏览器（${error instanceof Error ? error.message.split('\n')[0] : String(error)}）：请安装，如 sudo apt-get install chromium`);
    });
    try {
      // Print styles set every colour; light keeps the screen's dark theme out of any fallback.
      const page = await browser.newPage({ colorScheme: 'light' });
      // No web fonts to wait for: the faces are the system's.
      await page.goto(server.url + request.url, { waitUntil: 'load' });
      // Lazily loaded photos need nothing more: Chromium loads every image before it prints
      // (tests/browser/media.test.ts prints an issue whose photos are far below the first screen).
      await page.pdf({
        path: request.out,
        format: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        outline: true,               // each heading becomes a bookmark
        tagged: true,                // a structured, accessible PDF
      });
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}
