/**
 * The index built in a worker thread, from the bundled worker script, is the index built in this
 * thread from the whole site: the same files, byte for byte. The build's ways in (startSearchIndex,
 * writeSearchIndex) key its entries under the code's version.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { serialize } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import { isGzip } from '../../src/search/format.ts';
import { buildSearchIndexInWorker } from '../../src/search/in-worker.ts';
import { buildSearchIndex, searchSource, type SearchIndexFiles } from '../../src/search/indexer.ts';
import { gb2312Readings } from '../../src/search/pinyin.ts';
import { startSearchIndex, writeSearchIndex } from '../../src/search/write.ts';
import type { Site } from '../../src/site/model.ts';
import { buildSite } from '../../src/site/structure.ts';
import { writeFixtureSite } from '../fixtures/site.ts';
import { renderNow } from '../helpers/content.ts';
import { removeDir, tempDir } from '../integration/support.ts';

describe('buildSearchIndexInWorker', () => {
  let dir: string;
  let site: Site;

  beforeAll(async () => {
    dir = await tempDir('search-worker');
    await writeFixtureSite(path.join(dir, 'content'));
    const { content } = await loadContent(path.join(dir, 'content'), { findLinks: findBodyLinks, root: dir });
    site = buildSite(content!, renderNow);
  });
  afterAll(() => removeDir(dir));

  it('writes the files the main thread would, from the site’s items alone', async () => {
    const here = buildSearchIndex(site, { shardTarget: 512 });
    const there = await buildSearchIndexInWorker(searchSource(site), { shardTarget: 512 });
    expect(there.files.size).toBe(here.files.size);
    expect(here.files.size).toBeGreaterThan(site.newest.length);
    expect(here.linked.size).toBe(0);
    for (const [name, bytes] of here.files) expect(Buffer.from(there.files.get(name)!).equals(Buffer.from(bytes))).toBe(true);
    expect(there.manifest).toEqual(here.manifest);
  });

  it('keeps the segments it is handed, as the main thread would', async () => {
    const last = buildSearchIndex({ ...searchSource(site), newest: searchSource(site).newest.slice(1) });
    const here = buildSearchIndex(site, { previous: last.segments });
    const there = await buildSearchIndexInWorker(searchSource(site), { previous: last.segments });
    expect(there.manifest).toEqual(here.manifest);
    expect(there.manifest.segments).toHaveLength(2);
    expect(there.linked).toEqual(here.linked);
    expect([...there.files.keys()]).toEqual([...here.files.keys()]);
  });

  it('is started and written with the code’s version in every entry’s key, so an index built without it is not kept', async () => {
    const unsalted = buildSearchIndex({ ...searchSource(site), newest: searchSource(site).newest.slice(1) });
    expect(buildSearchIndex(site, { previous: unsalted.segments }).manifest.segments).toHaveLength(2);
    const started = await startSearchIndex(site, { previous: unsalted.segments });
    const written = await writeSearchIndex(site, path.join(dir, 'written'), { options: { previous: unsalted.segments } });
    for (const index of [started, written]) {
      expect(index.manifest.segments).toHaveLength(1);
      expect(index.linked.size).toBe(0);
    }
  });

  it('gives the pinyin table the build cache’s GB 2312 readings, read in the worker', async () => {
    const readings = { dir, name: 'pinyin-planted.bin' };
    writeFileSync(path.join(dir, readings.name), serialize(new Map(gb2312Readings()).set('中', 'zhongplanted')));
    const pinyinText = (index: SearchIndexFiles) =>
      [...index.files].filter(([file]) => file.startsWith(index.manifest.pinyin)).map(([, bytes]) => (isGzip(bytes) ? gunzipSync(bytes) : Buffer.from(bytes)).toString('utf8')).join('\n');
    expect(pinyinText(await buildSearchIndexInWorker(searchSource(site), { readings }))).toContain('zhongplanted');
    expect(pinyinText(await buildSearchIndexInWorker(searchSource(site)))).not.toContain('zhongplanted');
  });

  it('hands the worker no page HTML', () => {
    const source = searchSource(site);
    expect(JSON.stringify(source)).not.toContain('<p>');
    expect(source.newest.map((item) => item.url)).toEqual(site.newest.map((item) => item.url));
  });
});
