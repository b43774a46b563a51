/**
 * The index built in a worker thread, from the bundled worker script, is the index built in this
 * thread from the whole site: the same files, byte for byte.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import { renderMarkdown } from '../../src/markdown/render.ts';
import { buildSearchIndexInWorker } from '../../src/search/in-worker.ts';
import { buildSearchIndex, searchSource } from '../../src/search/indexer.ts';
import type { Site } from '../../src/site/model.ts';
import { buildSite } from '../../src/site/structure.ts';
import { writeFixtureSite } from '../fixtures/site.ts';
import { removeDir, tempDir } from '../integration/support.ts';

describe('buildSearchIndexInWorker', () => {
  let dir: string;
  let site: Site;

  beforeAll(async () => {
    dir = await tempDir('search-worker');
    await writeFixtureSite(path.join(dir, 'content'));
    const { content } = await loadContent(path.join(dir, 'content'), { findLinks: findBodyLinks, root: dir });
    site = buildSite(content!, (job) => renderMarkdown(job.source, job));
  });
  afterAll(() => removeDir(dir));

  it('writes the files the main thread would, from the site’s items alone', async () => {
    const here = buildSearchIndex(site, { shardTarget: 512 });
    const there = await buildSearchIndexInWorker(searchSource(site), { shardTarget: 512 });
    expect(there.files.size).toBe(here.files.size);
    expect(here.files.size).toBeGreaterThan(site.newest.length);
    for (const [name, bytes] of here.files) expect(Buffer.from(there.files.get(name)!).equals(Buffer.from(bytes))).toBe(true);
    expect(there.manifest).toEqual(here.manifest);
  });

  it('takes the chunks compressed before that it is handed', async () => {
    const here = buildSearchIndex(site);
    const marked = new Uint8Array([0x1f, 0x8b, 9, 9]);
    const there = await buildSearchIndexInWorker(searchSource(site), { packedDocs: new Map([[here.docKeys[0]!, marked]]) });
    expect(there.docKeys).toEqual(here.docKeys);
    expect([...there.files.get(`${there.manifest.parts}d0.bin`)!]).toEqual([...marked]);
  });

  it('hands the worker no page HTML', () => {
    const source = searchSource(site);
    expect(JSON.stringify(source)).not.toContain('<p>');
    expect(source.newest.map((item) => item.url)).toEqual(site.newest.map((item) => item.url));
  });
});
