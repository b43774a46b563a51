/**
 * Prints pages of a built site to PDF with headless chromium, as a reader's browser prints them:
 * the stylesheet's print layout (GB/T 9704 for an issue) on A4. The browser asks for the pages at
 * the site's own address and is answered from the folder, so the links in the PDF lead to the
 * published site; a request for any other address is refused, and no request leaves the machine.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import type { SiteAddress } from '../site/index.ts';
import { launchChromium } from './chromium.ts';
import { fileInSite } from './serve.ts';

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

/** One browser for many pages of one built site. */
export interface Printer {
  /** Prints the page at the root-relative `url` (`/2021/03/`) into the file `out`. */
  print(url: string, out: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `address`: where the site is published (the build's), which the PDF's links lead to. `siteDir`:
 * the built site; or, for a build that commits in place, its staging folder and then the output
 * it keeps files of, looked in in that order.
 */
export async function openPrinter(siteDir: string | readonly string[], address: SiteAddress): Promise<Printer> {
  await requireCjkFont();
  const roots = (typeof siteDir === 'string' ? [siteDir] : siteDir).map((dir) => path.resolve(dir));
  const root = roots[0]!;
  /** The file the site serves for `pathname`: the first root's that is there; null outside the site, undefined when none is. */
  const found = async (pathname: string): Promise<string | null | undefined> => {
    const files = roots.map((dir) => fileInSite(dir, address.pathPrefix, pathname));
    if (files.includes(undefined)) return null;
    for (const file of files) if (await access(file!).then(() => true, () => false)) return file;
    return undefined;
  };
  const browser: Browser = await launchChromium().catch((error: unknown) => {
    throw new PrintError(`无法启动 Chromium 浏览器（${error instanceof Error ? error.message.split('\n')[0] : String(error)}）：请安装，如 sudo apt-get install chromium`);
  });
  let context: BrowserContext;
  try {
    // Print styles set every colour; light keeps the screen's dark theme out of any fallback.
    context = await browser.newContext({ colorScheme: 'light' });
    const origin = new URL(address.url).origin;
    await context.route('**/*', async (route) => {
      const requested = new URL(route.request().url());
      const file = requested.origin === origin ? await found(requested.pathname) : null;
      if (file === null) return route.abort('blockedbyclient');
      if (file) return route.fulfill({ path: file });
      await route.fulfill({ status: 404, path: path.join(root, '404.html') }).catch(() => route.abort('filenotfound'));
    });
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    async print(url, out) {
      if (!(await found(`${address.pathPrefix}${url.slice(1)}`))) {
        throw new PrintError(`网站目录 ${root} 中没有页面 ${url}：请先运行 npm run build，并核对期次`);
      }
      const page = await context.newPage();
      try {
        // No web fonts to wait for: the faces are the system's. Lazily loaded photos need nothing
        // more: chromium loads every image before it prints (tests/browser/media.test.ts).
        await page.goto(new URL(url.slice(1), address.url).href, { waitUntil: 'load' });
        await page.pdf({
          path: out,
          format: 'A4',
          preferCSSPageSize: true,
          printBackground: true,
          outline: true,               // each heading becomes a bookmark
          tagged: true,                // a structured, accessible PDF
        });
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}

export interface PrintRequest {
  /** A built site (the output folder of `npm run build`). */
  siteDir: string;
  /** Root-relative URL of the page, e.g. `/2021/03/`. */
  url: string;
  /** PDF file to write. */
  out: string;
  /** Where the site is published (`BuildResult.address`). */
  address: SiteAddress;
}

/** One page to one PDF. */
export async function printPdf(request: PrintRequest): Promise<void> {
  const printer = await openPrinter(request.siteDir, request.address);
  try {
    await printer.print(request.url, request.out);
  } finally {
    await printer.close();
  }
}
