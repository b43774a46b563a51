/**
 * The build's caches never serve stale output. A build with a cache folder reuses rendered
 * Markdown and the unchanged pages of the last output; after every kind of change its output
 * must equal, byte for byte, a build of the same content with no cache at all.
 */
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, LAYOUTS_DIR, type BuildResult } from '../../src/pipeline/build.ts';
import { hashTree } from '../../src/cache/hash.ts';
import { currentPipelineVersion, jobKey, RenderCache } from '../../src/markdown/cache.ts';
import { listTree } from '../../src/files/tree.ts';
import { isGzip } from '../../src/search/format.ts';
import { gb2312Readings } from '../../src/search/pinyin.ts';
import { readingsIn } from '../../src/search/write.ts';
import { PDF, PHOTO, phonePhoto } from '../fixtures/images.ts';
import { writeFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { hashTree as hashFiles, outputTree, PROJECT_ROOT, removeDir, searchManifest, tempDir } from './support.ts';

let dir: string;
let content: string;
let fixture: FixtureSite;
let first: BuildResult;
const out = () => path.join(dir, 'out');
const cache = () => path.join(dir, 'cache');

/** The cached image widths, file → modification time. */
async function cachedVariants(): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const file of listTree(cache()).filter((f) => f.startsWith('media-'))) found.set(file, (await stat(path.join(cache(), file))).mtimeMs);
  return found;
}

/** Builds with the cache into `out/`, and without any cache into a fresh folder; returns both trees (the search index as readers get it, since a cached build keeps segments of the last one). */
async function buildBoth(layoutsDir = LAYOUTS_DIR) {
  const cached = await build({ contentDir: content, outDir: out(), root: dir, cacheDir: cache(), layoutsDir });
  expect(cached.failure).toBeUndefined();
  const freshOut = path.join(dir, 'fresh');
  await rm(freshOut, { recursive: true, force: true });
  const fresh = await build({ contentDir: content, outDir: freshOut, root: dir, layoutsDir });
  expect(fresh.ok).toBe(true);
  return { cached, tree: await outputTree(out()), freshTree: await outputTree(freshOut) };
}


const edit = async (file: string, change: (text: string) => string) => {
  const full = path.join(content, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
};

beforeAll(async () => {
  dir = await tempDir('cache');
  content = path.join(dir, 'content');
  fixture = await writeFixtureSite(content);
  first = await build({ contentDir: content, outDir: out(), root: dir, cacheDir: cache() });
  expect(first.ok).toBe(true);
  expect(first.reused).toBe(0);
}, 120_000);

afterAll(() => removeDir(dir));

describe('a build with a cache', () => {
  it('finds the output up to date when nothing changed, and leaves it as it is', async () => {
    const before = await stat(path.join(out(), 'index.html'));
    const { cached, tree, freshTree } = await buildBoth();
    expect(cached.upToDate).toBe(true);
    // The pages the last build wrote, counted as it counted them.
    expect(cached.pages).toBe(first.pages);
    expect(tree).toEqual(freshTree);
    // Not even replaced: the same file.
    expect((await stat(path.join(out(), 'index.html'))).ino).toBe(before.ino);
  }, 120_000);

  it('builds again when a file of the output was removed, changed or added by hand', async () => {
    const item = fixture.issues[0]!.items[0]!;
    for (const tamper of [
      () => rm(path.join(out(), `${item.url.slice(1)}index.html`)),
      () => writeFile(path.join(out(), 'archive/index.html'), '改坏了'),
      () => writeFile(path.join(out(), 'extra.html'), '<p>多出来的文件</p>'),
      // Deep in the output, a file and a folder of files: a build that keeps the output in place must still find them.
      () => writeFile(path.join(out(), `${item.url.slice(1)}extra.html`), '<p>多出来的文件</p>'),
      async () => {
        await mkdir(path.join(out(), 'archive/extra/deep'), { recursive: true });
        await writeFile(path.join(out(), 'archive/extra/deep/index.html'), '<p>多出来的文件夹</p>');
      },
    ]) {
      await tamper();
      const { cached, tree, freshTree } = await buildBoth();
      expect(cached.upToDate).toBeUndefined();
      expect(tree).toEqual(freshTree);
    }
  }, 120_000);

  it('finds the output up to date after an edit that changes no page (a comment in units.yaml)', async () => {
    const published = fixture.issues.flatMap((issue) => issue.items).length;
    const units = path.join(content, '_data/units.yaml');
    await writeFile(units, `${await readFile(units, 'utf8')}\n# 注释不改变网站\n`);
    const { cached, tree, freshTree } = await buildBoth();
    expect(cached.upToDate).toBe(true);
    expect(cached.reused).toBeGreaterThanOrEqual(published);
    expect(tree).toEqual(freshTree);
  }, 120_000);

  it('renders an edited body again: its item page and issue page change, and nothing is stale', async () => {
    const item = fixture.issues[0]!.items[1]!;
    const page = `${item.url.slice(1)}index.html`;
    const before = await hashFiles(out());
    await edit(item.file, (text) => `${text}\n新增一段：缓存测试的句子。\n`);
    const { cached, tree, freshTree } = await buildBoth();
    expect(tree).toEqual(freshTree);
    expect(tree[page]).not.toBe(before[page]);
    expect(tree[`${fixture.issues[0]!.url.slice(1)}index.html`]).not.toBe(before[`${fixture.issues[0]!.url.slice(1)}index.html`]);
    expect(await readFile(path.join(out(), page), 'utf8')).toContain('缓存测试的句子');
    // The other items' pages were reused, not rendered.
    expect(cached.reused).toBeGreaterThan(0);
    // The build keeps GB 2312's readings in the cache for the index worker, for one version of the code.
    expect(listTree(cache()).filter((file) => file.startsWith('pinyin-'))).toHaveLength(1);
    // And the search client it bundled, which it writes from there.
    const clients = listTree(cache()).filter((file) => file.startsWith('search-client-'));
    expect(clients).toHaveLength(1);
    expect(Buffer.from(deserialize(await readFile(path.join(cache(), clients[0]!))) as Uint8Array)).toEqual(await readFile(path.join(out(), 'search/search.js')));
  }, 120_000);

  it('a changed title reaches every page that lists the item, and the search index', async () => {
    const item = fixture.issues[1]!.items[0]!;
    await edit(item.file, (text) => text.replace(`title: ${item.title}`, 'title: 改过的标题用于缓存测试'));
    const { tree, freshTree } = await buildBoth();
    expect(tree).toEqual(freshTree);
    expect(await readFile(path.join(out(), 'archive/index.html'), 'utf8')).toContain('改过的标题用于缓存测试');
  }, 120_000);

  it('a deleted item leaves no page behind', async () => {
    const item = fixture.issues[2]!.items.at(-1)!;
    await rm(path.join(content, item.file));
    const { tree, freshTree } = await buildBoth();
    expect(tree).toEqual(freshTree);
    expect(Object.keys(tree)).not.toContain(`${item.url.slice(1)}index.html`);
  }, 120_000);

  it('an added item costs the search index one small segment: the last one is linked, and the index answers as a fresh build’s', async () => {
    const template = fixture.issues[0]!.items[0]!;
    const added = path.join(path.dirname(template.file), '99-cache-added.md');
    await writeFile(path.join(content, added), (await readFile(path.join(content, template.file), 'utf8')).replace(/^title: .*$/m, 'title: 缓存测试新增的一条信息'));
    const [base] = (await searchManifest(out())).segments;
    const kept = path.join('search', base!.parts, 'd0.bin');
    const inode = (await stat(path.join(out(), kept))).ino;
    const { tree, freshTree } = await buildBoth();
    expect(tree).toEqual(freshTree);
    const manifest = await searchManifest(out());
    expect(manifest.segments[0]!.parts).toBe(base!.parts);
    expect(manifest.segments.at(-1)).toMatchObject({ entries: 1 });
    expect((await stat(path.join(out(), kept))).ino).toBe(inode);
    // The fresh build made one segment of it all; its answers were the same (buildBoth).
    expect((await searchManifest(path.join(dir, 'fresh'))).segments).toHaveLength(1);
    expect(tree['search/(answers)']).toContain('缓存测试新增的一条信息');
    await rm(path.join(content, added));
  }, 120_000);

  it('publishes a photo and an attachment, and a later build never makes the photo’s widths again', async () => {
    const item = fixture.issues[0]!.items[2]!;
    const folder = path.dirname(path.join(content, item.file));
    await writeFile(path.join(folder, '现场照片.jpg'), PHOTO);
    await writeFile(path.join(folder, '附件1：方案.pdf'), PDF);
    await edit(item.file, (text) => `${text}\n![施工现场](现场照片.jpg)\n\n[附件1：方案](附件1：方案.pdf)\n`);
    const { tree, freshTree } = await buildBoth();
    expect(tree).toEqual(freshTree);
    const page = item.url.slice(1);
    expect(Object.keys(tree).filter((file) => file.startsWith(page)).sort()).toEqual(
      ['fu-jian-1-fang-an.pdf', 'index.html', ...['480.jpg', '480.webp', '900.jpg', '900.webp'].map((w) => `xian-chang-zhao-pian-${w}`)].map((file) => `${page}${file}`),
    );
    expect(await readFile(path.join(out(), page, 'fu-jian-1-fang-an.pdf'))).toEqual(PDF);
    const variants = await cachedVariants();
    expect(variants.size).toBe(4);
    await edit(fixture.issues[1]!.items[1]!.file, (text) => `${text}\n另一条信息的新句子。\n`);
    const { cached } = await buildBoth();
    expect(cached.ok).toBe(true);
    expect(await cachedVariants()).toEqual(variants);
  }, 120_000);

  it('a photo replaced under the same name reaches the site, and the old one’s widths leave the cache', async () => {
    const item = fixture.issues[0]!.items[2]!;
    const before = await hashFiles(out());
    const variantsBefore = await cachedVariants();
    await writeFile(path.join(path.dirname(path.join(content, item.file)), '现场照片.jpg'), await phonePhoto(1200, 900, 200));
    const { tree, freshTree } = await buildBoth();
    expect(tree).toEqual(freshTree);
    const photo = `${item.url.slice(1)}xian-chang-zhao-pian-900.jpg`;
    expect(tree[photo]).not.toBe(before[photo]);
    const variantsAfter = await cachedVariants();
    expect(variantsAfter.size).toBe(4);
    for (const file of variantsAfter.keys()) expect(variantsBefore.has(file)).toBe(false);
  }, 120_000);

  it('a changed layout reaches every page, reused ones included', async () => {
    const layouts = path.join(dir, 'layouts');
    await cp(LAYOUTS_DIR, layouts, { recursive: true });
    const base = path.join(layouts, '_includes/base.njk');
    await writeFile(base, (await readFile(base, 'utf8')).replace('</footer>', '<p>版式已改</p></footer>'));
    const { cached, tree, freshTree } = await buildBoth(layouts);
    expect(cached.reused).toBe(0);
    expect(tree).toEqual(freshTree);
    const item = fixture.issues[0]!.items[0]!;
    expect(await readFile(path.join(out(), `${item.url.slice(1)}index.html`), 'utf8')).toContain('版式已改');
  }, 120_000);
});

describe('a merge: items added to the newest issue of a long archive (pageSize 2, 21 numbered archive pages)', () => {
  let mergeDir: string;
  let mergeContent: string;
  let merged: FixtureSite;
  const mergeOut = () => path.join(mergeDir, 'out');
  const mergeCache = () => path.join(mergeDir, 'cache');
  /** Each archive page's and statistics file's file → its inode: a page reused from the last output is the same file, linked. */
  const archiveInodes = async () => {
    const found = new Map<string, number>();
    for (const file of listTree(mergeOut()).filter((f) => f.startsWith('archive/') || f.startsWith('stats/'))) found.set(file, (await stat(path.join(mergeOut(), file))).ino);
    return found;
  };

  beforeAll(async () => {
    mergeDir = await tempDir('cache-merge');
    mergeContent = path.join(mergeDir, 'content');
    merged = await writeFixtureSite(mergeContent, { pageSize: 2 });
    expect((await build({ contentDir: mergeContent, outDir: mergeOut(), root: mergeDir, cacheDir: mergeCache() })).ok).toBe(true);
  }, 120_000);
  afterAll(() => removeDir(mergeDir));

  it.each([1, 2, 3])('merge %i renders the newest pages only; every archive page more than four below the top is reused as it was', async (n) => {
    const newest = merged.issues.at(-1)!;
    const template = newest.items.at(-1)!;
    const text = await readFile(path.join(mergeContent, template.file), 'utf8');
    // The week's newest item, as a merge brings it: dated the issue's date, after every other item.
    const added = text.replace(/^title: .*$/m, `title: 第${n}次合并新增的信息`).replace(/^date: .*$/m, `date: ${newest.date}`);
    expect(added).toContain(`date: ${newest.date}`);
    await writeFile(path.join(mergeContent, newest.key, `99-merge-${n}.md`), added);
    const before = await archiveInodes();
    const { parts } = (await searchManifest(mergeOut())).segments[0]!;
    const firstSegment = { parts, inode: (await stat(path.join(mergeOut(), 'search', parts, 'd0.bin'))).ino };
    const result = await build({ contentDir: mergeContent, outDir: mergeOut(), root: mergeDir, cacheDir: mergeCache() });
    expect(result.failure).toBeUndefined();
    const after = await archiveInodes();
    const numbered = [...after.keys()].map((file) => /^archive\/(\d+)\//.exec(file)?.[1]).filter((x) => x !== undefined).map(Number);
    const top = Math.max(...numbered);
    expect(top).toBeGreaterThanOrEqual(21);
    const far = numbered.filter((k) => k < top - 4).map((k) => `archive/${k}/index.html`);
    expect(far.length).toBeGreaterThan(15);
    expect(far.filter((file) => after.get(file) !== before.get(file))).toEqual([]);
    // The statistics of the newest issue's year and of all years are written again; another year's are reused.
    const statsFiles = (folder: string) => [...after.keys()].filter((file) => path.posix.dirname(file) === folder);
    const year = newest.key.slice(0, 4);
    expect(statsFiles('stats/2020').length).toBeGreaterThan(1);
    expect(statsFiles('stats/2020').filter((file) => after.get(file) !== before.get(file))).toEqual([]);
    expect(statsFiles(`stats/${year}`).filter((file) => after.get(file) === before.get(file))).toEqual([]);
    expect(after.get('stats/index.html')).not.toBe(before.get('stats/index.html'));
    // Rendered: the new item's page and its neighbour's, the issue, the newest pages of the lists it is in.
    expect(result.pages - result.reused).toBeLessThan(result.pages / 4);
    // The search index's first segment is linked too: the added item is in a segment of its own.
    const segments = (await searchManifest(mergeOut())).segments;
    expect(segments[0]!.parts).toBe(firstSegment.parts);
    expect((await stat(path.join(mergeOut(), 'search', firstSegment.parts, 'd0.bin'))).ino).toBe(firstSegment.inode);
    // The items merged so far are all in the small segments: one of their own, or folded together past MAX_SEGMENTS.
    expect(segments.slice(1).reduce((sum, segment) => sum + segment.entries, 0)).toBe(n);
    // And the output is a fresh build's, byte for byte, its search index answering as a fresh one.
    const freshOut = path.join(mergeDir, 'fresh');
    await rm(freshOut, { recursive: true, force: true });
    expect((await build({ contentDir: mergeContent, outDir: freshOut, root: mergeDir })).ok).toBe(true);
    expect(await outputTree(mergeOut())).toEqual(await outputTree(freshOut));
    // The record gave the linked pages their checked state: with nothing changed, the output is up to date.
    expect((await build({ contentDir: mergeContent, outDir: mergeOut(), root: mergeDir, cacheDir: mergeCache() })).upToDate).toBe(true);
  }, 120_000);

  it('a page a merge linked from the last output, edited by hand afterwards, is built again', async () => {
    const file = path.join(mergeOut(), 'archive/1/index.html');
    const written = await readFile(file, 'utf8');
    await writeFile(file, written.replace('</main>', '<p>手工改动</p></main>'));
    const result = await build({ contentDir: mergeContent, outDir: mergeOut(), root: mergeDir, cacheDir: mergeCache() });
    expect(result.upToDate).toBeUndefined();
    expect(await readFile(file, 'utf8')).toBe(written);
  }, 120_000);

  it('hands the index worker GB 2312’s readings from the build cache', async () => {
    const { name } = readingsIn(mergeCache());
    expect(listTree(mergeCache())).toContain(name);
    // A marker in the cached table: the worker's pinyin files show that it read the table from there.
    await writeFile(path.join(mergeCache(), name), serialize(new Map(gb2312Readings()).set('中', 'zhongfromcache')));
    const newest = merged.issues.at(-1)!;
    const text = await readFile(path.join(mergeContent, newest.items.at(-1)!.file), 'utf8');
    await writeFile(path.join(mergeContent, newest.key, '99-merge-readings.md'), text.replace(/^title: .*$/m, 'title: 读音缓存测试新增的信息'));
    expect((await build({ contentDir: mergeContent, outDir: mergeOut(), root: mergeDir, cacheDir: mergeCache() })).failure).toBeUndefined();
    const { pinyin } = await searchManifest(mergeOut());
    const pinyinFiles = listTree(path.join(mergeOut(), 'search', pinyin));
    const texts = await Promise.all(pinyinFiles.map(async (file) => {
      const bytes = await readFile(path.join(mergeOut(), 'search', pinyin, file));
      return (isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8');
    }));
    expect(texts.join('\n')).toContain('zhongfromcache');
  }, 120_000);
});

describe('the versions caches are keyed by', () => {
  it('hashTree changes with any file of the folder', async () => {
    const folder = path.join(dir, 'code');
    await cp(path.join(LAYOUTS_DIR, '_includes'), folder, { recursive: true });
    const before = hashTree(folder);
    await writeFile(path.join(folder, 'base.njk'), `${await readFile(path.join(folder, 'base.njk'), 'utf8')} `);
    expect(hashTree(folder)).not.toBe(before);
    expect(hashTree(folder)).toBe(hashTree(folder));
  });

  it("the pipeline version is the hash of the renderer's folder", () => {
    expect(currentPipelineVersion()).toBe(hashTree(path.join(PROJECT_ROOT, 'src/markdown'), (file) => file.endsWith('.ts')));
  });
});

describe('the rendered-Markdown cache', () => {
  it('keeps entries for the same pipeline version only', async () => {
    const folder = path.join(dir, 'render-cache');
    const a = RenderCache.open(folder, 'version-a');
    a.set({ source: '**甲**' }, { html: '<p><strong>甲</strong></p>', text: '甲' });
    await a.save();
    // Handed out with its job's key, which the pages' fingerprints hash in the body's place.
    expect(RenderCache.open(folder, 'version-a').get({ source: '**甲**' })).toEqual({ html: '<p><strong>甲</strong></p>', text: '甲', key: jobKey({ source: '**甲**' }) });
    const b = RenderCache.open(folder, 'version-b');
    expect(b.get({ source: '**甲**' })).toBeUndefined();
    b.set({ source: '乙' }, { html: '<p>乙</p>', text: '乙' });
    await b.save();
    // Saving under a new version drops the old one's file.
    expect(RenderCache.open(folder, 'version-a').size).toBe(0);
  });

  it('keys entries by the source and the options: a changed source, id prefix or page link is a miss', () => {
    const c = RenderCache.open(undefined, 'v');
    c.set({ source: '原文' }, { html: '<p>原文</p>', text: '原文' });
    expect(c.get({ source: '原文 ' })).toBeUndefined();
    expect(c.get({ source: '原文' })?.text).toBe('原文');
    c.set({ source: '见[上期](../02/01-a.md)', idPrefix: 'item-b-', pageLinks: { '../02/01-a.md': '/2021/02/a/' } }, { html: 'x', text: 'x' });
    expect(c.get({ source: '见[上期](../02/01-a.md)', idPrefix: 'item-c-', pageLinks: { '../02/01-a.md': '/2021/02/a/' } })).toBeUndefined();
    expect(c.get({ source: '见[上期](../02/01-a.md)', idPrefix: 'item-b-', pageLinks: { '../02/01-a.md': '/2021/02/aa/' } })).toBeUndefined();
    expect(c.get({ source: '见[上期](../02/01-a.md)', idPrefix: 'item-b-', pageLinks: { '../02/01-a.md': '/2021/02/a/' } })?.html).toBe('x');
  });
});
