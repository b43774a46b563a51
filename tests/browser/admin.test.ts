/**
 * The clerks' web form, driven in chromium as a clerk uses it: `npm run dev` on a copy of the
 * fixture content, /admin/ opened, an item written (unit, category, two paragraphs, a photo) and
 * published; then the file on disk, `npm run check` and the item's page in the preview. A second
 * test changes an existing item's title and checks that only that line of its file changed. The
 * published form (a build with `admin:` in site.yaml) starts from the built files alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateInChina, itemText } from '../../src/content/index.ts';
import { build } from '../../src/pipeline/build.ts';
import { currentIssue } from '../../src/tools/issue-folder.ts';
import { nextItemFile } from '../../src/tools/item-file.ts';
import { writeFixtureSite, type FixtureSite } from '../fixtures/site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { serve, type StaticServer } from '../helpers/serve.ts';
import { PROJECT_ROOT } from '../integration/support.ts';
import { runTool } from '../tools/support.ts';

const TIMEOUT = 180_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm run dev`'s script, as the package runs it; resolves once it says where the form is. */
function startDev(content: string, out: string, port: number): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn(process.execPath, ['src/launch.mjs', 'src/tools/dev.ts', '--content', content, '--out', out, '--port', String(port)], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('/admin/')) resolve({ child, log: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`npm run dev exited (${code}):\n${output}`)));
  });
}

/** axe-core's serious and critical violations of WCAG 2.1 A and AA on the page, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Decap's field labels fade between their active and resting colours (`transition: all`); axe
  // once measured a label mid-fade in CI. Running transitions end first (animations that loop do not).
  await page.evaluate(() => Promise.all(document.getAnimations().filter((animation) => animation instanceof CSSTransition).map((animation) => animation.finished.catch(() => undefined))));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** `probe`'s first answer; after `timeout`, an error with the end of `log` (the dev server's output), to tell why. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, log: () => string, timeout = 60_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; npm run dev wrote:\n${log().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the web form at /admin/ in npm run dev', { timeout: TIMEOUT }, () => {
  let dir: string;
  let content: string;
  let fixture: FixtureSite;
  let dev: { child: ChildProcess; log: () => string };
  let browser: Browser;
  let base: string;
  const hosts = new Set<string>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bulletin-admin-'));
    content = path.join(dir, 'content');
    fixture = await writeFixtureSite(content);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dev = await startDev(content, path.join(dir, 'out'), port);
    browser = await launchBrowser();
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    dev?.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 500));
    dev?.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  async function openForm(hash = ''): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    // blob: and data: URLs are the browser's own copies of a picked photo.
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'blob:' && url.protocol !== 'data:') hosts.add(url.host);
    });
    await page.goto(`${base}/admin/`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('每条信息存为').waitFor();
    if (hash) {
      await page.goto(`${base}/admin/${hash}`);
      await page.locator('input[id^="title-field"]').waitFor();
    }
    return page;
  }

  async function publish(page: Page): Promise<void> {
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByText('立即发布').click();
    await page.getByText('内容已保存').waitFor({ timeout: 30_000 });
  }

  it('is in Chinese, offers the lists and the current issue, and has no serious or critical axe-core violation', async () => {
    const page = await openForm('#/collections/items/new');
    const labels = await page.locator('label').allInnerTexts();
    for (const label of ['期次', '标题', '日期', '来源单位', '栏目', '正文']) expect(labels.some((text) => text.startsWith(label))).toBe(true);
    await expect(page.locator('input[id^="date-field"]').getAttribute('type')).resolves.toBe('date');
    const today = dateInChina(new Date());
    const current = currentIssue(fixture.issues, today);
    await expect(page.locator('[id^="issue-field"]').locator('xpath=../../..').innerText()).resolves.toContain(`${current.year}年第${current.number}期`);

    await page.locator('input[id^="unit-field"]').click();
    const units = await page.getByRole('option').allInnerTexts();
    expect(units.map((text) => text.replace(/（.*$/, ''))).toEqual(expect.arrayContaining(fixture.units.map((unit) => unit.name)));
    await page.keyboard.press('Escape');
    await page.locator('input[id^="category-field"]').click();
    expect(await page.getByRole('option').allInnerTexts()).toEqual(fixture.categories.map((category) => category.name));
    await page.keyboard.press('Escape');

    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('writes a new item with a photo as npm run new would, which npm run check accepts and the preview shows', async () => {
    const today = dateInChina(new Date());
    const current = currentIssue(fixture.issues, today);
    const title = '网页表单新建的信息开展冬季消防安全检查';
    const unit = fixture.units[1]!.name;
    const category = fixture.categories[0]!.name;
    const folder = path.join(content, ...current.key.split('/'));
    const expectedFile = await nextItemFile(folder, title);
    const photo = path.join(dir, '现场照片.jpg');
    await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 80, b: 40 } } }).jpeg().toFile(photo);

    const page = await openForm('#/collections/items/new');
    await page.locator('input[id^="title-field"]').fill(title);
    for (const [field, value] of [['unit', unit], ['category', category]] as const) {
      await page.locator(`input[id^="${field}-field"]`).click();
      await page.getByRole('option', { name: value, exact: true }).click();
    }
    await page.locator('[role=textbox]').first().click();
    await page.keyboard.type('12月1日，开展冬季消防安全检查。');
    await page.keyboard.press('Enter');
    await page.keyboard.type('检查共发现隐患3处，已当场整改。');
    await page.locator('button[title="添加组件"]').click();
    await page.getByRole('menuitem', { name: '图片' }).click();
    await page.getByRole('button', { name: '选择图片' }).click();
    await page.locator('input[type=file]').setInputFiles(photo);
    await page.getByRole('button', { name: '选用已选中项目' }).click();
    await page.getByLabel(/图片说明/).fill('消防安全检查现场');
    await publish(page);
    await page.close();

    const written = await readFile(expectedFile, 'utf8');
    const body = '12月1日，开展冬季消防安全检查。\n\n检查共发现隐患3处，已当场整改。\n\n![消防安全检查现场](现场照片.jpg)';
    expect(written).toBe(itemText({ title, date: today, unit, category, body }));
    await expect(readFile(path.join(folder, '现场照片.jpg'))).resolves.toEqual(await readFile(photo));
    if (current.create) await expect(readFile(path.join(folder, 'index.md'), 'utf8')).resolves.toBe(`---\ndate: ${current.date}\n---\n`);

    const check = await runTool('check', ['--content', content]);
    expect(`${check.stdout}${check.stderr}`).not.toMatch(/错误|error/i);
    expect(check.code).toBe(0);

    const slug = path.basename(expectedFile, '.md').replace(/^\d+-/, '');
    const html = await until('the item page in the preview', async () => {
      const response = await fetch(`${base}/${current.key}/${slug}/`);
      const text = await response.text();
      return response.ok && text.includes(title) ? text : undefined;
    }, dev.log);
    expect(html).toContain('检查共发现隐患3处，已当场整改。');
    expect(html).toMatch(/<img[^>]+alt="消防安全检查现场"/);
  });

  it('changes only the title line when the clerk changes a title', async () => {
    const item = fixture.items.find((each) => each.unitWritten !== undefined && !each.body.includes('<'))!;
    const file = path.join(content, item.file);
    const before = await readFile(file, 'utf8');
    const page = await openForm();
    await page.getByText(item.title, { exact: false }).first().click();
    const titleInput = page.locator('input[id^="title-field"]');
    await titleInput.waitFor();
    await titleInput.fill(`${item.title}（修订）`);
    await publish(page);
    await page.close();

    const after = await until('the saved file', async () => {
      const text = await readFile(file, 'utf8');
      return text !== before ? text : undefined;
    }, dev.log);
    const [old, now] = [before.split('\n'), after.split('\n')];
    expect(now.length).toBe(old.length);
    const changed = now.map((line, index) => (line === old[index] ? undefined : index)).filter((index) => index !== undefined);
    expect(changed).toHaveLength(1);
    expect(now[changed[0]!]).toMatch(new RegExp(`^title: .*（修订）`));
    expect(after.replace(/^title: .*$/m, '')).toBe(before.replace(/^title: .*$/m, ''));
  });

  it('refuses to move an existing item to another issue, saying so, and leaves its file alone', async () => {
    const item = fixture.items.find((each) => !each.body.includes('<') && each.issue !== fixture.items.at(-1)!.issue)!;
    const file = path.join(content, item.file);
    const before = await readFile(file, 'utf8');
    const page = await openForm();
    await page.getByText(item.title, { exact: false }).first().click();
    await page.locator('input[id^="issue-field"]').click();
    const other = fixture.issues.find((issue) => issue.key !== item.issue)!;
    await page.getByRole('option', { name: new RegExp(`^${other.year}年第${other.number}期`) }).click();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByText('立即发布').click();
    await page.getByText('网页表单不移动已有的信息', { exact: false }).waitFor({ timeout: 30_000 });
    await page.close();
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('opened nothing but the dev server', async () => {
    expect([...hosts]).toEqual([new URL(base).host]);
  });

  it('refuses posts from another site', async () => {
    const response = await fetch(`${base}/admin/api/v1`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://example.org' }, body: '{"action":"info"}' });
    expect(response.status).toBe(403);
    await expect(response.json()).resolves.toEqual({ error: '只接受本机网页表单发来的请求' });
  });
});

describe('the published web form (admin: in site.yaml)', { timeout: TIMEOUT }, () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bulletin-admin-published-'));
    const content = path.join(dir, 'content');
    await writeFixtureSite(content);
    await appendFile(path.join(content, '_data', 'site.yaml'), 'admin:\n  backend: github\n  repo: district-office/bulletin\n  branch: main\n');
    const result = await build({ contentDir: content, outDir: path.join(dir, 'out'), root: dir, siteUrl: 'https://bulletin.example.gov.cn/bulletin/' });
    if (!result.ok) throw new Error(result.failure ?? 'the fixture did not build');
    server = await serve(path.join(dir, 'out'), '/bulletin/');
    browser = await launchBrowser();
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts from the built files alone, offers GitHub sign-in in Chinese, and has no serious or critical axe-core violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const hosts = new Set<string>();
    const failed: string[] = [];
    page.on('request', (request) => hosts.add(new URL(request.url()).host));
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.url}/admin/`);
    await page.getByRole('button', { name: '使用 GitHub 登录' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect([...hosts]).toEqual([new URL(server.url).host]);
    expect(failed).toEqual([]);
    await context.close();
  });
});
