/// <reference lib="dom" />
/**
 * Reader comfort (适老化) in a real browser: the text-size switch and its memory, dark mode that
 * follows the system, axe-core in both themes, the page without JavaScript; and screenshots of
 * the home, issue and item pages at 360 and 1280 px, kept in test-results/screenshots/ (git-ignored)
 * for review. Runs Debian's chromium (`npm test` installs it).
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite } from '../fixtures/site.ts';
import { startFixtureInBrowser, START_TIMEOUT, type FixtureInBrowser } from '../helpers/fixture-browser.ts';
import type { StaticServer } from '../helpers/serve.ts';
import { PROJECT_ROOT } from '../integration/support.ts';

const fixture = fixtureSite();
const latest = fixture.issues.at(-1)!;
const item = latest.items[0]!;
let server: StaticServer;
let browser: Browser;
let site: FixtureInBrowser | undefined;
/** Generous: each test starts a browser context; this only stops a hung one. */
const TIMEOUT = 60_000;

beforeAll(async () => {
  site = await startFixtureInBrowser();
  ({ server, browser } = site);
}, START_TIMEOUT);

afterAll(() => site?.close());

async function openIn(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url + url, { waitUntil: 'load' });
  return page;
}

/** What the reader sees of the text size on a page. */
const textSize = (page: Page) =>
  page.evaluate(() => ({
    root: getComputedStyle(document.documentElement).fontSize,
    body: getComputedStyle(document.querySelector('main .prose p') ?? document.body).fontSize,
    pressed: [...document.querySelectorAll('[data-text-size-option]')].filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.textContent),
  }));

describe('text-size switch', { timeout: TIMEOUT }, () => {
  it('offers 标准, 大 and 特大 in the header; 标准 is chosen at first', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openIn(context, '/');
    const group = page.getByRole('group', { name: '字号' });
    expect(await group.getByRole('button').allTextContents()).toEqual(['标准', '大', '特大']);
    expect(await group.isVisible()).toBe(true);
    expect(await page.locator('header .text-size').count()).toBe(1);
    expect(await textSize(page)).toMatchObject({ root: '18px', pressed: ['标准'] });
    await context.close();
  });

  it('enlarges the whole page to 21 and 24 px, and back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openIn(context, item.url);
    for (const [label, px] of [['大', '21px'], ['特大', '24px'], ['标准', '18px']] as const) {
      await page.getByRole('button', { name: label, exact: true }).click();
      expect(await textSize(page), label).toEqual({ root: px, body: px, pressed: [label] });
    }
    await context.close();
  });

  it('remembers the choice on other pages, after a reload and in a new tab', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const first = await openIn(context, '/');
    await first.getByRole('button', { name: '特大', exact: true }).click();
    await first.goto(server.url + latest.url);
    expect(await textSize(first)).toMatchObject({ root: '24px', pressed: ['特大'] });
    await first.reload();
    expect(await textSize(first)).toMatchObject({ root: '24px', pressed: ['特大'] });
    const second = await openIn(context, '/stats/');
    expect(await textSize(second)).toMatchObject({ root: '24px', pressed: ['特大'] });
    // A fresh browser profile starts at 标准.
    const other = await browser.newContext();
    expect(await textSize(await openIn(other, '/'))).toMatchObject({ root: '18px', pressed: ['标准'] });
    await other.close();
    await context.close();
  });

  it('applies the remembered size before the first paint: nothing moves', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await openIn(context, '/');
    await page.getByRole('button', { name: '特大', exact: true }).click();
    // Record the size the first frame is drawn with, and every layout shift while loading.
    await context.addInitScript(() => {
      const w = window as unknown as { firstFrameSize?: string; shifts: number[] };
      w.shifts = [];
      requestAnimationFrame(() => {
        w.firstFrameSize = getComputedStyle(document.documentElement).fontSize;
      });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.shifts.push((entry as unknown as { value: number }).value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const next = await openIn(context, latest.url);
    await next.waitForTimeout(300);
    const seen = await next.evaluate(() => {
      const w = window as unknown as { firstFrameSize?: string; shifts: number[] };
      return { firstFrameSize: w.firstFrameSize, shifts: w.shifts };
    });
    expect(seen.firstFrameSize).toBe('24px');
    expect(seen.shifts).toEqual([]);
    await context.close();
  });

  it('is not shown without JavaScript, and the page still reads well', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    const page = await openIn(context, item.url);
    expect(await page.locator('.text-size').isVisible()).toBe(false);
    const state = await page.evaluate(() => ({
      root: getComputedStyle(document.documentElement).fontSize,
      scroll: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
      title: document.querySelector('main h1')?.textContent,
    }));
    expect(state).toEqual({ root: '18px', scroll: state.view, view: 360, title: item.title });
    await context.close();
  });

  it('does not reach the printed page', async () => {
    const context = await browser.newContext();
    const page = await openIn(context, latest.url);
    await page.getByRole('button', { name: '特大', exact: true }).click();
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      root: parseFloat(getComputedStyle(document.documentElement).fontSize),
      switchShown: getComputedStyle(document.querySelector('.text-size')!).display !== 'none',
    }));
    // 156 mm / 28 characters, in CSS px.
    expect(printed.root).toBeCloseTo(((156 / 28) * 96) / 25.4, 1);
    expect(printed.switchShown).toBe(false);
    await context.close();
  });
});

const AXE_PAGES: [string, string][] = [
  ['home', '/'],
  ['issue', latest.url],
  ['item', item.url],
  ['archive', '/archive/'],
  ['category', fixture.categories[0]!.url],
  ['statistics', '/stats/'],
  ['statistics of a year', '/stats/2021/'],
];

describe.each(['light', 'dark'] as const)('in the %s theme', { timeout: TIMEOUT }, (colorScheme) => {
  it('follows the system setting', async () => {
    const context = await browser.newContext({ colorScheme });
    const page = await openIn(context, '/');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(colorScheme === 'dark' ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)');
    await context.close();
  });

  it.each(AXE_PAGES)('%s (%s) has no serious or critical axe-core violation, contrast (WCAG AA) included', async (_, url) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 800 } });
    const page = await openIn(context, url);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    await context.close();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    expect(results.passes.map((rule) => rule.id)).toContain('color-contrast');
  });
});

describe('screenshots for review (test-results/screenshots/)', { timeout: TIMEOUT }, () => {
  const folder = path.join(PROJECT_ROOT, 'test-results', 'screenshots');

  it.each([360, 1280])('of the home, issue, item and statistics pages at %i px', async (width) => {
    await mkdir(folder, { recursive: true });
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    for (const [name, url] of [['home', '/'], ['issue', latest.url], ['item', item.url], ['stats', '/stats/']]) {
      const page = await openIn(context, url!);
      const file = path.join(folder, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await page.close();
      expect((await stat(file)).size, file).toBeGreaterThan(10_000);
    }
    await context.close();
  });
});
