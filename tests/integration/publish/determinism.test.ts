/**
 * Two builds of the same content give byte-identical output: no build time anywhere, dates from
 * the content only, stable order. The second build runs later, from a copy of the content and
 * the layouts with other file times, in another time zone, so that none of these can leak in.
 */
import { cp, readdir, readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTree } from '../../../src/files/tree.ts';
import { writeFixtureSite } from '../../fixtures/site.ts';
import { BUILD_TIMEOUT, hashTree, PROJECT_ROOT, removeDir, runCli, tempDir } from '../support.ts';

const SITE_URL = 'https://example.gov.cn/bulletin/';
let dir: string;
let first: Record<string, string>;
let second: Record<string, string>;

/** Sets the access and modification times of every file and folder under `root`. */
async function touchAll(root: string, time: Date): Promise<void> {
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) await utimes(path.join(entry.parentPath, entry.name), time, time);
}

beforeAll(async () => {
  dir = await tempDir('determinism');
  const content1 = path.join(dir, 'content-1');
  await writeFixtureSite(content1);
  const build1 = await runCli(['--content', content1, '--out', path.join(dir, 'out-1')], { SITE_URL, TZ: 'UTC' });
  if (build1.code !== 0) throw new Error(build1.stderr);

  const content2 = path.join(dir, 'content-2');
  const layouts2 = path.join(dir, 'layouts-2');
  await cp(content1, content2, { recursive: true });
  await cp(path.join(PROJECT_ROOT, 'layouts'), layouts2, { recursive: true });
  await touchAll(content2, new Date('2030-06-15T12:34:56Z'));
  await touchAll(layouts2, new Date('2019-02-03T04:05:06Z'));
  const build2 = await runCli(['--content', content2, '--out', path.join(dir, 'out-2'), '--layouts', layouts2], {
    SITE_URL,
    TZ: 'America/Los_Angeles',
  });
  if (build2.code !== 0) throw new Error(build2.stderr);
  [first, second] = await Promise.all([hashTree(path.join(dir, 'out-1')), hashTree(path.join(dir, 'out-2'))]);
}, 2 * BUILD_TIMEOUT);
afterAll(() => removeDir(dir));

describe('two builds of the same content', () => {
  it('write the same files with the same bytes', () => {
    expect(Object.keys(first).length).toBeGreaterThan(80);
    expect(Object.keys(first)).toContain('feed.xml');
    expect(Object.keys(first)).toContain('sitemap.xml');
    expect(second).toEqual(first);
  });

  it('carry no date of the build: neither today nor this year appears in any text file', async () => {
    const now = new Date();
    const year = now.getUTCFullYear();
    // The fixture's dates are all in 2020 and 2021.
    expect(year).toBeGreaterThan(2021);
    const stamp = new RegExp(`${year}-\\d{2}-\\d{2}|${year}年|${year}/\\d{1,2}/|\\d{1,2} [A-Z][a-z]{2} ${year}`);
    const out = path.join(dir, 'out-1');
    const found: string[] = [];
    for (const file of listTree(out).filter((f) => /\.(html|xml|txt|css|js|json|csv)$/.test(f))) {
      const match = stamp.exec(await readFile(path.join(out, file), 'utf8'));
      if (match) found.push(`${file}: ${match[0]}`);
    }
    expect(found).toEqual([]);
  });
});
