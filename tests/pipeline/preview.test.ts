/**
 * The dev server's preview keeps the search index's compressed chunks from one save to the next:
 * after an edit its index is, byte for byte, the one a build from nothing would write, and the
 * chunks it keeps are those of its last index.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYOUTS_DIR } from '../../src/pipeline/build.ts';
import { Preview } from '../../src/pipeline/preview.ts';
import { PackedDocs } from '../../src/search/packed-docs.ts';
import { isGzip } from '../../src/search/format.ts';
import { writeFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { hashTree, removeDir, tempDir } from '../integration/support.ts';

let dir: string;
let fixture: FixtureSite;
const content = () => path.join(dir, 'content');

/** One rebuild as `npm run dev` makes it (Eleventy's pages left out), then its search index waited for and the caches saved. */
async function rebuild(preview: Preview, changed: string[] = []): Promise<void> {
  if (changed.length > 0) preview.changed(changed.map((file) => path.join(content(), file)));
  await preview.site();
  await preview.afterWrite();
  await preview.close();
}

/** The manifest, and the files of the index it names, of the preview in `out`. */
async function currentIndex(out: string) {
  const manifestBytes = await readFile(path.join(out, 'search/index.bin'));
  const manifest = JSON.parse((isGzip(manifestBytes) ? gunzipSync(manifestBytes) : manifestBytes).toString('utf8')) as { parts: string; items: number };
  const files = Object.fromEntries(Object.entries(await hashTree(path.join(out, 'search'))).filter(([file]) => file.startsWith(manifest.parts)));
  return { manifest, files };
}

beforeAll(async () => {
  dir = await tempDir('preview');
  fixture = await writeFixtureSite(content());
});
afterAll(() => removeDir(dir));

describe('Preview', () => {
  it('writes after an edit the search index a first rebuild of the edited content writes, and keeps its chunks', async () => {
    const cache = path.join(dir, 'cache');
    const out = path.join(dir, 'out');
    const preview = new Preview({ contentDir: content(), outDir: out, layoutsDir: LAYOUTS_DIR, cacheDir: cache });
    await rebuild(preview);
    const item = fixture.issues[1]!.items[2]!;
    const file = path.join(content(), item.file);
    await writeFile(file, (await readFile(file, 'utf8')).replace(`title: ${item.title}`, 'title: 预览中改过的标题'));
    await rebuild(preview, [item.file]);

    const fresh = path.join(dir, 'fresh');
    await rebuild(new Preview({ contentDir: content(), outDir: fresh, layoutsDir: LAYOUTS_DIR }));
    const edited = await currentIndex(out);
    expect(edited).toEqual(await currentIndex(fresh));
    expect(Object.keys(edited.files).length).toBeGreaterThan(edited.manifest.items);
    // What the cache keeps on the way out: one chunk per item of the last index.
    expect(PackedDocs.open(cache).known.size).toBe(edited.manifest.items);
  }, 120_000);
});
