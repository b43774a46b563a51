/**
 * The search index's document chunks compressed before are taken by the hash of their JSON, and
 * an index built from them is, byte for byte, the index built without them.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import { renderMarkdown } from '../../src/markdown/render.ts';
import { buildSearchIndex } from '../../src/search/indexer.ts';
import { PackedDocs } from '../../src/search/packed-docs.ts';
import type { Site } from '../../src/site/model.ts';
import { buildSite } from '../../src/site/structure.ts';
import { writeFixtureSite } from '../fixtures/site.ts';
import { removeDir, tempDir } from '../integration/support.ts';

let dir: string;
let site: Site;

beforeAll(async () => {
  dir = await tempDir('packed-docs');
  await writeFixtureSite(path.join(dir, 'content'));
  const { content } = await loadContent(path.join(dir, 'content'), { findLinks: findBodyLinks, root: dir });
  site = buildSite(content!, (job) => renderMarkdown(job.source, job));
});
afterAll(() => removeDir(dir));

const chunk = (index: ReturnType<typeof buildSearchIndex>, k: number) => index.files.get(`${index.manifest.parts}d${k}.bin`)!;
const sameFiles = (a: ReturnType<typeof buildSearchIndex>, b: ReturnType<typeof buildSearchIndex>) => {
  expect([...a.files.keys()]).toEqual([...b.files.keys()]);
  for (const [name, bytes] of a.files) expect(Buffer.from(b.files.get(name)!).equals(Buffer.from(bytes)), name).toBe(true);
};

describe('buildSearchIndex with packed chunks', () => {
  it('names each chunk by the SHA-256 of its JSON, one key per item', () => {
    const index = buildSearchIndex(site);
    expect(index.docKeys).toHaveLength(site.newest.length);
    expect(new Set(index.docKeys).size).toBe(site.newest.length);
    for (const key of index.docKeys) expect(key).toMatch(/^[\w-]{43}$/);
  });

  it('writes the same files from the chunks of an earlier index as from none', () => {
    const first = buildSearchIndex(site);
    const packed = new Map(first.docKeys.map((key, k) => [key, chunk(first, k)]));
    sameFiles(buildSearchIndex(site, { packedDocs: packed }), first);
  });

  it('takes a chunk found under its key as it is, and compresses the others', () => {
    const first = buildSearchIndex(site);
    const marked = new Uint8Array([0x1f, 0x8b, 1, 2, 3]);
    const again = buildSearchIndex(site, { packedDocs: new Map([[first.docKeys[1]!, marked]]) });
    expect(chunk(again, 1)).toBe(marked);
    expect(JSON.parse(gunzipSync(chunk(again, 0)).toString('utf8'))[0].t).toBe(site.newest[0]!.title);
  });

  it('finds no chunk of an item whose stored text changed', () => {
    const first = buildSearchIndex(site);
    const packed = new Map(first.docKeys.map((key, k) => [key, chunk(first, k)]));
    const [newest, ...rest] = site.newest;
    const edited = buildSearchIndex({ ...site, newest: [{ ...newest!, title: `${newest!.title}（修改）` }, ...rest] }, { packedDocs: packed });
    expect(packed.has(edited.docKeys[0]!)).toBe(false);
    expect(edited.docKeys.slice(1)).toEqual(first.docKeys.slice(1));
    expect(JSON.parse(gunzipSync(chunk(edited, 0)).toString('utf8'))[0].t).toBe(`${newest!.title}（修改）`);
  });
});

describe('PackedDocs', () => {
  it('keeps in memory alone without a folder', async () => {
    const docs = PackedDocs.open(undefined);
    expect(docs.known.size).toBe(0);
    const index = buildSearchIndex(site);
    docs.keep(index);
    expect([...docs.known.keys()]).toEqual(index.docKeys);
    await docs.save();
  });

  it('saves the chunks of the last index kept, and lets the others go', async () => {
    const cache = path.join(dir, 'cache');
    const full = buildSearchIndex(site);
    const docs = PackedDocs.open(cache);
    docs.keep(full);
    await docs.save();
    const reopened = PackedDocs.open(cache);
    expect([...reopened.known.keys()].sort()).toEqual([...full.docKeys].sort());
    for (const [k, key] of full.docKeys.entries()) expect(Buffer.from(reopened.known.get(key)!).equals(Buffer.from(chunk(full, k)))).toBe(true);

    const fewer = buildSearchIndex({ ...site, newest: site.newest.slice(1) });
    reopened.keep(fewer);
    await reopened.save();
    expect([...PackedDocs.open(cache).known.keys()].sort()).toEqual([...fewer.docKeys].sort());
  });

  it('removes the chunks of another index format or zlib version', async () => {
    const cache = path.join(dir, 'versions');
    const older = path.join(cache, 'search-docs-v1-zlib1.2.13');
    await mkdir(older, { recursive: true });
    const docs = PackedDocs.open(cache);
    docs.keep(buildSearchIndex(site));
    await docs.save();
    const folders = await readdir(cache);
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatch(/^search-docs-v\d+-zlib/);
    expect(folders[0]).toContain(process.versions.zlib);
  });
});
