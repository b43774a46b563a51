/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The built site in a real browser, as readers use it: phones of 360 px to desktops, keyboard
 * users, and no request to any other host. Runs Debian's chromium (`npm test` installs it).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite } from '../fixtures/site.ts';
import { useFixtureInBrowser } from '../helpers/fixture-browser.ts';

const fixture = fixtureSite();
const shared = useFixtureInBrowser();

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
    ['archive page 1', '/archive/1/'],
    ['category', fixture.categories[0]!.url],
    ['units index', '/units/'],
    ['statistics', '/stats/'],
    ['statistics of a year', '/stats/2021/'],
    ['not found', '/404.html'],
  ];
}

async function open(width: number, url: string): Promise<{ page: Page; requests: string[] }> {
  const page = await shared.browser.newPage({ viewport: { width, height: 800 } });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(shared.server.url + url, { waitUntil: 'load' });
  return { page, requests };
}

/** The reader's text size, chosen with the switch in the header (标准 / 大 / 特大). */
const TEXT_SIZES = [
  ['standard', '标准'],
  ['large', '大'],
  ['x-large', '特大'],
] as const;

/** Phones, desktops, and a 1280 px window zoomed to 200% (640 CSS px at twice the pixel density). */
const SCREENS = [
  { name: '360 px', width: 360, deviceScaleFactor: 1 },
  { name: '1280 px at 200% zoom', width: 640, deviceScaleFactor: 2 },
  { name: '1280 px', width: 1280, deviceScaleFactor: 1 },
];

describe.each(SCREENS.flatMap((screen) => TEXT_SIZES.map(([size, label]) => ({ ...screen, size, label }))))(
  'at $name, text size $size',
  ({ width, deviceScaleFactor, label }) => {
    let context: BrowserContext;
    beforeAll(async () => {
      context = await shared.browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor });
      // Chosen once on the home page; the choice carries to every page after.
      const page = await context.newPage();
      await page.goto(`${shared.server.url}/`);
      await page.getByRole('button', { name: label, exact: true }).click();
      await page.close();
    });
    afterAll(() => context?.close());

    it.each(pages())('%s (%s) has no horizontal scrolling', async (_, url) => {
      const page = await context.newPage();
      await page.goto(shared.server.url + url, { waitUntil: 'load' });
      const overflow = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
        pressed: document.querySelector('[data-text-size-option][aria-pressed="true"]')?.textContent,
        wide: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          // A wide table scrolls inside its own box: what is in the box may pass the edge, the box may not.
          .filter((e) => {
            for (let box = e.parentElement; box && box !== document.body; box = box.parentElement) {
              if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return false;
            }
            return true;
          })
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      }));
      await page.close();
      expect(overflow.pressed).toBe(label);
      expect(overflow.wide).toEqual([]);
      expect(overflow.scroll).toBeLessThanOrEqual(overflow.view);
    });
  },
);

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
    expect(requests.filter((url) => !url.startsWith(shared.server.url))).toEqual([]);
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
