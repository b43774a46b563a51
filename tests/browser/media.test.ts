/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Photos and attachments as readers meet them, in Debian's chromium: on a 360 px phone and a
 * 1280 px desktop every photo loads, in WebP at a width fit for the screen, holds its place so
 * nothing shifts as it arrives, stays inside the column and the printed 156 mm text block; an
 * attachment downloads under its Chinese name and says its type and size.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.ts';
import type { SiteAddress } from '../../src/site/model.ts';
import { printPdf } from '../../src/print/index.ts';
import { PDF, phonePhoto } from '../fixtures/images.ts';
import { writeFixtureSite, type FixtureItem } from '../fixtures/site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { serve, type StaticServer } from '../helpers/serve.ts';
import { START_TIMEOUT } from '../helpers/fixture-browser.ts';
import { removeDir, tempDir } from '../integration/support.ts';


/** Generous: printing and page loads take seconds on a busy two-core machine; this only stops a hung one. */
const TEST_TIMEOUT = 60_000;
let dir: string;
let server: StaticServer;
let browser: Browser;
let item: FixtureItem;
let issueUrl: string;
let address: SiteAddress;

/** Enough text that the second photo starts below the first screen. */
const LONG_TEXT = Array.from({ length: 12 }, (_, i) => `第${i + 1}段：街道组织志愿者逐户走访，登记返乡人员信息，发放防疫宣传资料，落实各项防控措施。`).join('\n\n');

beforeAll(async () => {
  dir = await tempDir('media-browser');
  const content = path.join(dir, 'content');
  const fixture = await writeFixtureSite(content);
  const issue = fixture.issues.at(-1)!;
  // The last item: on the issue page its photos are far below the first screen.
  item = issue.items.at(-1)!;
  issueUrl = issue.url;
  const folder = path.dirname(path.join(content, item.file));
  await writeFile(path.join(folder, '现场照片.jpg'), await phonePhoto(2000, 1500));
  await writeFile(path.join(folder, '会场.jpg'), await phonePhoto(1600, 1200, 160));
  await writeFile(path.join(folder, '附件1：实施方案.pdf'), PDF);
  const file = path.join(content, item.file);
  await writeFile(file, `${await readFile(file, 'utf8')}\n![志愿者在社区发放宣传册](现场照片.jpg)\n\n${LONG_TEXT}\n\n![会议现场](会场.jpg)\n\n[附件1：实施方案](附件1：实施方案.pdf)\n`);
  const result = await build({ contentDir: content, outDir: path.join(dir, 'out'), root: dir });
  if (!result.ok) throw new Error(result.failure ?? JSON.stringify(result.diagnostics));
  address = result.address!;
  server = await serve(path.join(dir, 'out'));
  browser = await launchBrowser();
}, START_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await removeDir(dir);
});

/** Opens `url` at `width`, records every request and every layout shift, and scrolls to the end so lazy photos load. */
async function visit(width: number, url: string): Promise<{ page: Page; requests: string[]; shift: number }> {
  const context = await browser.newContext({ viewport: { width, height: 740 } });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) (window as unknown as { shifts: number }).shifts += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(server.url + url, { waitUntil: 'load' });
  for (let y = 0; y < 20 && (await page.evaluate(() => window.scrollY + window.innerHeight < document.body.scrollHeight)); y++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(50);
  }
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
  await page.waitForTimeout(200);
  const shift = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
  return { page, requests, shift };
}

const photos = (page: Page) =>
  page.$$eval('.prose picture img', (elements) =>
    (elements as HTMLImageElement[]).map((image) => ({
      alt: image.alt,
      loaded: image.complete && image.naturalWidth > 0,
      current: image.currentSrc,
      width: image.getBoundingClientRect().width,
      column: image.closest('.prose')!.getBoundingClientRect().width,
      loading: image.getAttribute('loading'),
    })),
  );

describe.each([360, 1280])('at %i px', (width) => {
  it('loads every photo of the item page in WebP, inside the column, with no layout shift', async () => {
    const { page, requests, shift } = await visit(width, item.url);
    const shown = await photos(page);
    expect(shown.map((p) => p.alt)).toEqual(['志愿者在社区发放宣传册', '会议现场']);
    for (const photo of shown) {
      expect(photo.loaded).toBe(true);
      expect(photo.current).toMatch(/\.webp$/);
      expect(photo.width).toBeLessThanOrEqual(photo.column + 0.5);
    }
    // A phone gets the 480 px width; a desktop's 40rem column the 960 px one.
    expect(shown[0]!.current).toMatch(width === 360 ? /-480\.webp$/ : /-960\.webp$/);
    // The first photo loads at once on its own page; the lower one when the reader nears it.
    expect(shown.map((p) => p.loading)).toEqual([null, 'lazy']);
    expect(shift).toBe(0);
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);

  it('shows the same photos on the issue page, lazily, with no layout shift', async () => {
    const { page, shift } = await visit(width, issueUrl);
    const shown = await photos(page);
    expect(shown).toHaveLength(2);
    for (const photo of shown) expect(photo.loaded).toBe(true);
    expect(shown.map((p) => p.loading)).toEqual(['lazy', 'lazy']);
    expect(shift).toBe(0);
    await page.close();
  }, TEST_TIMEOUT);
});

describe('the attachment', () => {
  it('downloads under the clerk’s own file name and says its type and size', async () => {
    const page = await browser.newPage();
    await page.goto(server.url + item.url);
    const link = page.locator('.prose a[download]');
    expect(await link.textContent()).toBe('附件1：实施方案');
    expect(await page.locator('.prose .file-note').textContent()).toBe('（PDF，1 KB）');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('附件1：实施方案.pdf');
    await page.close();
  }, TEST_TIMEOUT);
});

describe('print and accessibility', () => {
  it('prints the issue with every photo, the lazy ones too, each within the 156 mm text block', async () => {
    const pdf = path.join(dir, 'issue.pdf');
    await printPdf({ siteDir: path.join(dir, 'out'), url: issueUrl, out: pdf, address });
    // pdfimages (poppler-utils) lists each drawn image with its pixels and its resolution on the page.
    const { stdout } = await promisify(execFile)('pdfimages', ['-list', pdf]);
    const images = stdout.split('\n').slice(2).filter((line) => line.trim()).map((line) => line.trim().split(/\s+/));
    const photos = images.filter((columns) => columns[2] === 'image');
    expect(photos.length).toBeGreaterThanOrEqual(2);
    for (const columns of photos) {
      const [widthPx, xPpi] = [Number(columns[3]), Number(columns[12])];
      expect((widthPx / xPpi) * 25.4).toBeLessThanOrEqual(156.5);
    }
  }, TEST_TIMEOUT);

  it('has no serious or critical axe-core violation on the page with photos', async () => {
    const { page } = await visit(1280, item.url);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);
});
