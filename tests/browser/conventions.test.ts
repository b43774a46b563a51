/// <reference lib="dom" />
/**
 * Issue #16 in chromium: the pages run under their Content-Security-Policy without a single
 * violation (the text-size switch and search still work), the favicon loads, and 【打印】 opens
 * the print dialog.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixtureSite } from '../fixtures/site.ts';
import { useFixtureInBrowser } from '../helpers/fixture-browser.ts';

const fixture = fixtureSite();

/** Generous: printing and page loads take seconds on a busy two-core machine; this only stops a hung one. */
const TEST_TIMEOUT = 60_000;
const shared = useFixtureInBrowser();

/** Opens `url`, counting the policy's violations and the calls of window.print. */
async function open(url: string): Promise<{ page: Page; violations: () => Promise<string[]>; prints: () => Promise<number> }> {
  const page = await shared.browser.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[]; prints: number };
    w.violations = [];
    w.prints = 0;
    document.addEventListener('securitypolicyviolation', (event) => w.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    window.print = () => void (w.prints += 1);
  });
  await page.goto(shared.server.url + url, { waitUntil: 'load' });
  return {
    page,
    violations: () => page.evaluate(() => (window as unknown as { violations: string[] }).violations),
    prints: () => page.evaluate(() => (window as unknown as { prints: number }).prints),
  };
}

describe('under the Content-Security-Policy', () => {
  const issue = fixture.issues.at(-1)!;
  it.each([['home', '/'], ['issue', issue.url], ['item', issue.items[0]!.url], ['archive', '/archive/'], ['statistics', '/stats/'], ['search', '/search/?q=疫情']])(
    'the %s page runs with no violation',
    async (_, url) => {
      const { page, violations } = await open(url);
      if (url.startsWith('/search/')) await page.waitForSelector('.search-results li');
      await page.click('[data-text-size-option="large"]');
      expect(await page.evaluate(() => document.documentElement.getAttribute('data-text-size'))).toBe('large');
      expect(await violations()).toEqual([]);
      await page.close();
    },
    TEST_TIMEOUT,
  );

  it('loads the favicon', async () => {
    const response = await (await shared.browser.newPage()).request.get(`${shared.server.url}/favicon.ico`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type'] ?? '').not.toMatch(/html/);
  }, TEST_TIMEOUT);
});

describe('the header on a 360 px phone', () => {
  const issue = fixture.issues.at(-1)!;
  it.each([['home', '/'], ['issue', issue.url], ['item', issue.items[0]!.url], ['archive', '/archive/'], ['search', '/search/']])(
    'takes at most 180 px on the %s page at 标准, every navigation entry and 搜索 reachable',
    async (_, url) => {
      const page = await shared.browser.newPage({ viewport: { width: 360, height: 740 } });
      await page.goto(shared.server.url + url, { waitUntil: 'load' });
      const height = await page.evaluate(() => document.querySelector('.site-header')!.getBoundingClientRect().height);
      expect(height).toBeLessThanOrEqual(180);
      const entries = page.locator('.site-nav a');
      const names = await entries.allTextContents();
      expect(names).toContain('搜索');
      expect(names).toContain('采用统计');
      // The row scrolls sideways, never the page: each entry is in view, at least in part, when focused.
      for (let i = 0; i < names.length; i++) {
        await entries.nth(i).focus();
        const box = (await entries.nth(i).boundingBox())!;
        expect(box.x + box.width / 2, names[i]).toBeLessThan(360);
        expect(box.x + box.width / 2, names[i]).toBeGreaterThan(0);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.close();
    },
    TEST_TIMEOUT,
  );
});

describe('the search page as results arrive', () => {
  it.each([
    [360, '/search/'],
    [360, '/search/?q=疫情'],
    [1280, '/search/?q=疫情'],
    // Results with an offer above them, and an offer in place of results.
    [360, '/search/?q=通航试验区'],
    [360, '/search/?q=冷连'],
  ])('shifts its layout by no more than 0.1 at %i px (%s)', async (width, url) => {
    const page = await shared.browser.newPage({ viewport: { width, height: 740 } });
    await page.addInitScript(() => {
      const w = window as unknown as { shift: number };
      w.shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) w.shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(shared.server.url + url, { waitUntil: 'load' });
    await page.waitForSelector('.search-status:not(:empty)');
    if (url.includes('?q=')) await page.waitForSelector('.search-results li, .search-offer');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBeLessThanOrEqual(0.1);
    await page.close();
  }, TEST_TIMEOUT);
});

describe('【打印】', () => {
  it('opens the print dialog on an issue page and an item page', async () => {
    for (const url of [fixture.issues[0]!.url, fixture.issues[0]!.items[0]!.url]) {
      const { page, prints } = await open(url);
      await page.getByRole('button', { name: '【打印】' }).click();
      expect(await prints(), url).toBe(1);
      await page.close();
    }
  }, TEST_TIMEOUT);
});
