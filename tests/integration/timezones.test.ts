/**
 * The build machine's time zone must not change a single byte: dates are calendar dates in
 * China. The fixture is built with the CLI under three zones, a day apart at midnight UTC.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { BUILD_TIMEOUT, hashTree, removeDir, runCli, tempDir, type CliResult } from './support.ts';

const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai'] as const;

describe('builds in different time zones', () => {
  let dir: string;
  let fx: FixtureSite;
  const runs = new Map<string, { out: string; result: CliResult; hashes: Record<string, string> }>();

  beforeAll(async () => {
    dir = await tempDir('tz');
    const content = path.join(dir, 'content');
    fx = await writeFixtureSite(content);
    // In parallel: each into its own folder (the staging folder sits beside it).
    await Promise.all(
      ZONES.map(async (zone) => {
        const out = path.join(dir, zone.replace('/', '_'), 'out');
        const result = await runCli(['--content', content, '--out', out], { TZ: zone });
        if (result.code !== 0) throw new Error(`build under TZ=${zone} failed (${result.code}):\n${result.stderr}`);
        runs.set(zone, { out, result, hashes: await hashTree(out) });
      }),
    );
  }, BUILD_TIMEOUT);
  afterAll(() => removeDir(dir));

  it('each zone really is in effect in a child process (a check of the set-up, not of the code)', async () => {
    const days = await Promise.all(
      ZONES.map(
        (zone) =>
          new Promise<string>((resolve, reject) =>
            execFile(process.execPath, ['-e', 'process.stdout.write(String(new Date(Date.UTC(2021, 0, 1)).getDate()))'], { env: { ...process.env, TZ: zone } }, (error, stdout) =>
              error ? reject(error) : resolve(stdout),
            ),
          ),
      ),
    );
    expect(days).toEqual(['1', '31', '1']);
  });

  it('gives byte-identical output trees', () => {
    const utc = runs.get('UTC')!.hashes;
    expect(Object.keys(utc).length).toBeGreaterThan(70);
    for (const zone of ZONES) expect(runs.get(zone)!.hashes, zone).toEqual(utc);
  });

  it.each(ZONES)('under TZ=%s, 2021-01-01 is shown as 2021年1月1日, 2020-12-31 as 2020年12月31日', async (zone) => {
    const { out } = runs.get(zone)!;
    const read = async (url: string) => load(await readFile(path.join(out, url, 'index.html'), 'utf8'));
    const newYear = fx.special.newYearsDay;
    const $ = await read(newYear.url);
    expect($('main time').first().attr('datetime')).toBe('2021-01-01');
    expect($('main time').first().text().trim()).toBe('2021年1月1日');
    expect($('main').text()).not.toContain('12月31日');
    // Filed under 2021 (its issue's year), not 2020.
    /** Every page of a list, following rel="next" from its own page. */
    const list = async (url: string) => {
      let html = '';
      for (let next: string | undefined = `/${url}/`; next; ) {
        const $page = await read(next);
        html += $page.html();
        next = $page('main a[rel="next"]').attr('href');
      }
      return html;
    };
    const y2020 = await list('years/2020');
    const y2021 = await list('years/2021');
    expect(y2021).toContain(`href="${newYear.url}"`);
    expect(y2020).not.toContain(`href="${newYear.url}"`);
    // The day before stays the day before.
    const $before = await read(fx.special.lastDayOf2020.url);
    expect($before('main time').first().text().trim()).toBe('2020年12月31日');
    // Issue dates in the 报头.
    expect((await read('2021/01')).text()).toContain('2021年1月8日');
  });
});
