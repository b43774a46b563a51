/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The built site in a real browser, as readers use it: phones of 360 px to desktops, keyboard
 * users, and no request to any other host. Runs Debian's chromium (`npm test` installs it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { serve, type StaticServer } from '../helpers/serve.ts';
import { fixtureSite, writeFixtureSite } from '../fixtures/site.ts';

const fixture = fixtureSite();
let dir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bulletin-browser-'));
  await writeFixtureSite(path.join(dir, 'content'));
  const result = await build({ contentDir: path.join(dir, 'content'), outDir: path.join(dir, 'out'), root: dir });
  if (!result.ok) throw new Error(`fixture build failed: ${result.failure ?? JSON.stringify(result.diagnostics)}`);
  server = await serve(path.join(dir, 'out'));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** One page of each type, the longest texts included. */
function pages(): [string, string][] {
  const latest = fixture.issues.at(-1)!;
  const longest = fixture.issues.flatMap((i) => i.items).toSorted((a, b) => b.title.length - a.title.length)[0]!;
  return [
    ['home', '/'],
    ['issue', latest.url],
    ['item with the longest title', longest.url],
    ['item with a table', fixture.issues.flatMap((i) => i.items).find((i) => i.body.includes('|'))!.url],
    ['issue list', '/issues/'],
    ['archive page 2', '/archive/2/'],
    ['category', fixture.categories[0]!.url],
    ['units index', '/units/'],
    ['not found', '/404.html'],
  ];
}

async function open(width: number, url: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(server.url + url, { waitUntil: 'load' });
  return { page, requests };
}

describe.each([360, 1280])('at %i px', (width) => {
  it.each(pages())('%s (%s) has no horizontal scrolling', async (_, url) => {
    const { page } = await open(width, url);
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        // A wide table scrolls inside its own box; its cells may pass the edge, the table may not.
        .filter((e) => !e.parentElement?.closest('table'))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    }));
    await page.close();
    expect(overflow.wide).toEqual([]);
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.view);
  });
});

describe('reading', () => {
  it('sets body text at 16 px or more with a line height of about 1.8', async () => {
    const { page } = await open(360, fixture.issues[0]!.items[0]!.url);
    const style = await page.evaluate(() => {
      const p = getComputedStyle(document.querySelector('.prose p')!);
      return { size: parseFloat(p.fontSize), ratio: parseFloat(p.lineHeight) / parseFloat(p.fontSize) };
    });
    await page.close();
    expect(style.size).toBeGreaterThanOrEqual(16);
    expect(style.ratio).toBeGreaterThanOrEqual(1.7);
    expect(style.ratio).toBeLessThanOrEqual(1.9);
  });

  it('asks for nothing but its own host', async () => {
    const { page, requests } = await open(1280, fixture.issues.at(-1)!.url);
    await page.close();
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
  });
});

describe('keyboard', () => {
  it('reaches the skip link first; it shows on focus and moves focus to the main content', async () => {
    const { page } = await open(360, '/');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const box = a.getBoundingClientRect();
      return { text: a.textContent, href: a.getAttribute('href'), visible: box.width > 1 && box.height > 1 && box.top >= 0 };
    });
    expect(skip).toEqual({ text: '跳到正文', href: '#main', visible: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('draws a visible outline around the focused link', async () => {
    const { page } = await open(1280, '/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    await page.close();
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });
});
