/**
 * The dev server's preview keeps the search index's segments from one save to the next: after an
 * edit its index answers as the one a build from nothing writes, it wrote one small segment, and
 * the folder holds no part the manifest does not name.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYOUTS_DIR } from '../../src/pipeline/build.ts';
import { Preview } from '../../src/pipeline/preview.ts';
import { writeFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { removeDir, searchAnswers, searchManifest, tempDir } from '../integration/support.ts';

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

beforeAll(async () => {
  dir = await tempDir('preview');
  fixture = await writeFixtureSite(content());
});
afterAll(() => removeDir(dir));

describe('Preview', () => {
  it('after saves, answers as a first rebuild of the saved content does, from the first segment and one new one', async () => {
    const cache = path.join(dir, 'cache');
    const out = path.join(dir, 'out');
    const preview = new Preview({ contentDir: content(), outDir: out, layoutsDir: LAYOUTS_DIR, cacheDir: cache });
    await rebuild(preview);
    const first = (await searchManifest(out)).segments[0]!.parts;
    // An item added, then its title corrected: the segment that held its first title goes.
    const template = fixture.issues[1]!.items[2]!;
    const added = path.join(path.dirname(template.file), '99-preview-added.md');
    const text = (await readFile(path.join(content(), template.file), 'utf8')).replace(`title: ${template.title}`, 'title: 预览中新增的信息');
    await writeFile(path.join(content(), added), text);
    await rebuild(preview, [added]);
    const second = (await searchManifest(out)).segments[1]!.parts;
    await writeFile(path.join(content(), added), text.replace('title: 预览中新增的信息', 'title: 预览中改过的标题'));
    await rebuild(preview, [added]);

    const fresh = path.join(dir, 'fresh');
    await rebuild(new Preview({ contentDir: content(), outDir: fresh, layoutsDir: LAYOUTS_DIR }));
    expect(await searchAnswers(out)).toEqual(await searchAnswers(fresh));
    expect(await searchAnswers(out)).toContain('预览中改过的标题');
    const manifest = await searchManifest(out);
    expect(manifest.segments.map((segment) => segment.parts)[0]).toBe(first);
    expect(manifest.segments.map((segment) => segment.entries)).toEqual([manifest.items - 1, 1]);
    expect(manifest.segments[1]!.parts).not.toBe(second);
    // Only what the manifest names: the segment of the first title and the last pinyin folders went.
    const folders = (await readdir(path.join(out, 'search'), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => `${entry.name}/`);
    expect(folders.sort()).toEqual([...manifest.segments.map((segment) => segment.parts), manifest.pinyin].sort());
  }, 120_000);
});
