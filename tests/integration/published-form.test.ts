/**
 * The web form in the published site: a build writes /admin/ only when site.yaml asks for it,
 * with everything it needs from this checkout, under the site's path prefix; it is in no
 * sitemap, feed or search index; a change to the lists it offers rebuilds it, even through the cache.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETUP_ID, type FormSetup } from '../../src/admin/client/setup.ts';
import { formatDiagnostic } from '../../src/content/report.ts';
import { listTree } from '../../src/files/tree.ts';
import { build, type BuildRequest } from '../../src/pipeline/build.ts';
import { writeFixtureSite } from '../fixtures/site.ts';
import { BUILD_TIMEOUT, removeDir, tempDir } from './support.ts';

const ADMIN = 'admin:\n  backend: github\n  repo: district-office/bulletin\n  branch: main\n  baseUrl: https://auth.example.gov.cn\n';
const SITE_URL = 'https://bulletin.example.gov.cn/bulletin/';

describe('the published web form', { timeout: BUILD_TIMEOUT * 4 }, () => {
  let dir: string;
  let content: string;
  let request: BuildRequest;
  const out = () => path.join(dir, 'out');
  const read = (file: string) => readFile(path.join(out(), file), 'utf8');
  const setupOf = (html: string) => JSON.parse(new RegExp(`id="${SETUP_ID}">(.*?)</script>`).exec(html)![1]!) as FormSetup;
  const unitsOffered = (setup: FormSetup) =>
    (setup.config.collections as { fields: { name: string; options?: { value: string }[] }[] }[])[0]!.fields.find((field) => field.name === 'unit')!.options!.map((option) => option.value);

  async function buildOk(): Promise<Awaited<ReturnType<typeof build>>> {
    const result = await build(request);
    if (!result.ok) throw new Error(`build failed: ${result.failure ?? ''}\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
    return result;
  }

  beforeAll(async () => {
    dir = await tempDir('published-form');
    content = path.join(dir, 'content');
    await writeFixtureSite(content);
    request = { contentDir: content, outDir: out(), root: dir, cacheDir: path.join(dir, 'cache'), siteUrl: SITE_URL };
  }, BUILD_TIMEOUT);

  afterAll(() => removeDir(dir));

  it('is not in a site whose site.yaml does not ask for it', async () => {
    await buildOk();
    expect(listTree(out()).filter((file) => file.startsWith('admin/'))).toEqual([]);
  });

  it('is written with its scripts and Decap’s chunks, told noindex, saving to GitHub', async () => {
    await appendFile(path.join(content, '_data', 'site.yaml'), ADMIN);
    const result = await buildOk();
    expect(result.upToDate).toBeUndefined();
    const files = listTree(out()).filter((file) => file.startsWith('admin/'));
    expect(files).toContain('admin/index.html');
    expect(files).toContain('admin/admin.js');
    expect(files).toContain('admin/decap-cms.js');
    expect(files.filter((file) => /^admin\/\d+\.decap-cms\.js$/.test(file)).length).toBeGreaterThan(10);
    const html = await read('admin/index.html');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    const setup = setupOf(html);
    expect(setup.config.backend).toEqual({ name: 'github', repo: 'district-office/bulletin', branch: 'main', base_url: 'https://auth.example.gov.cn' });
    expect(setup.config.publish_mode).toBe('editorial_workflow');
    expect(setup.stylesheet).toBe('/bulletin/assets/style.css');
    await expect(read('assets/style.css')).resolves.toContain('{');
  });

  it('is in neither the sitemap, the feed nor the search index', async () => {
    for (const file of ['sitemap.xml', 'feed.xml', 'robots.txt']) expect(await read(file)).not.toContain('admin');
    for (const file of listTree(out()).filter((name) => name.startsWith('search/'))) {
      const bytes = await readFile(path.join(out(), file));
      expect(bytes.includes(Buffer.from('admin'))).toBe(false);
      expect(bytes.includes(Buffer.from('编写信息'))).toBe(false);
    }
    const linking = listTree(out()).filter((file) => file.endsWith('.html') && !file.startsWith('admin/'));
    for (const file of linking) expect(await read(file)).not.toMatch(/href="[^"]*admin/);
  });

  it('offers a unit added to units.yaml after a build through the cache, and stays when nothing changes', async () => {
    const units = path.join(content, '_data', 'units.yaml');
    await writeFile(units, `${await readFile(units, 'utf8')}- name: 新设的社区服务中心\n  slug: xin-she-fu-wu-zhong-xin\n`);
    const result = await buildOk();
    expect(result.upToDate).toBeUndefined();
    expect(unitsOffered(setupOf(await read('admin/index.html')))).toContain('新设的社区服务中心');
    const again = await buildOk();
    expect(again.upToDate).toBe(true);
    expect(listTree(out())).toContain('admin/decap-cms.js');
  });

  it('is gone once site.yaml no longer asks for it', async () => {
    const site = path.join(content, '_data', 'site.yaml');
    await writeFile(site, (await readFile(site, 'utf8')).replace(ADMIN, ''));
    await buildOk();
    expect(listTree(out()).filter((file) => file.startsWith('admin/'))).toEqual([]);
  });
});
