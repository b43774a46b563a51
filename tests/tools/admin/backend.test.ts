/**
 * The form's local backend at the level of Decap's proxy protocol, on a content folder in a temp
 * directory: what it offers, what it writes, and every refusal writing nothing at all.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { entryText } from '../../../src/admin/form-entry.ts';
import { itemText, splitItem, type IsoDate } from '../../../src/content/index.ts';
import { listTree } from '../../../src/files/tree.ts';
import { renderAll, RenderCache } from '../../../src/markdown/index.ts';
import { ContentBackend, FormError } from '../../../src/tools/admin/backend.ts';
import { nextItemFile } from '../../../src/tools/item-file.ts';
import { clerkTree, goodItem, lines, type ClerkTree } from '../../helpers/clerk-tree.ts';
import { OFFICE } from '../../helpers/content.ts';
import { removeDir } from '../../helpers/tree.ts';

const cache = RenderCache.open(undefined);
const renderBody = async (body: string) => (await renderAll([{ source: body }], { cache }))({ source: body }).html;

let tree: ClerkTree | undefined;
afterEach(async () => {
  await removeDir(tree?.root ?? '');
  tree = undefined;
});

async function backendOver(files: Record<string, string | Uint8Array> = {}, today: IsoDate = '2021-01-24') {
  tree = await clerkTree(files);
  const backend = new ContentBackend({ contentDir: tree.content, root: tree.root, today: () => today, renderBody });
  return { backend, content: tree.content, files: () => listTree(tree!.content) };
}

const photo = () => sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 120, b: 40 } } }).jpeg().toBuffer();
const asset = (file: string, bytes: Uint8Array) => ({ path: file, content: Buffer.from(bytes).toString('base64'), encoding: 'base64' as const });
const persist = (backend: ContentBackend, file: string, raw: string, newEntry: boolean, assets: unknown[] = []) =>
  backend.handle('persistEntry', { dataFiles: [{ path: file, raw }], assets, options: { newEntry } });

const FIELDS = { title: '济源路街道开展冬季消防安全检查', date: '2021-01-23', unit: '济源路街道', category: '基层动态' };
const BODY = '　　1月23日，济源路街道开展冬季消防安全检查。\n\n检查发现隐患3处，已整改。';

describe('the local backend', () => {
  it('offers units.yaml’s units (the office first), the categories and the current issue', async () => {
    const { backend } = await backendOver();
    const choices = backend.choices(await backend.setting());
    expect(choices.units.map((unit) => unit.name)).toEqual([OFFICE, '通航试验区管委会', '济源路街道']);
    expect(choices.categories.map((category) => category.name)).toEqual(['疫情防控', '项目建设', '基层动态']);
    expect(choices.current).toMatchObject({ key: '2021/03', create: false });
    expect(choices.today).toBe('2021-01-24');
  });

  it('writes a new item where and as npm run new writes it, with its photo and attachment beside it', async () => {
    const { backend, content } = await backendOver({ 'content/2021/03/01-hui-yi.md': goodItem('会议') });
    const placed = (await backend.handle('placeItem', { issue: '2021/03', title: FIELDS.title })) as { name: string; path: string };
    const expected = path.basename(await nextItemFile(path.join(content, '2021/03'), FIELDS.title), '.md');
    expect(expected).toMatch(/^02-ji-yuan-lu-/);
    expect(placed).toEqual(expect.objectContaining({ name: expected, path: `content/2021/03/${expected}.md` }));
    const bytes = await photo();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const body = `${BODY}\n\n![消防检查现场](现场.jpg)\n\n[附件：检查方案](<检查 方案.pdf>)`;
    const assets = [asset('content/2021/03/现场.jpg', bytes), asset('content/2021/03/检查 方案.pdf', pdf)];
    await persist(backend, placed.path, entryText({ ...FIELDS, issue: '2021/03', issue_year: '2021', issue_no: '03', name: placed.name }, body, OFFICE), true, assets);
    expect(await readFile(path.join(content, '2021/03', `${expected}.md`), 'utf8')).toBe(itemText({ ...FIELDS, body }));
    expect(await readFile(path.join(content, '2021/03/现场.jpg'))).toEqual(bytes);
    expect(await readFile(path.join(content, '2021/03/检查 方案.pdf'))).toEqual(pdf);
  });

  it('starts a new week’s issue folder with its index.md', async () => {
    const { backend, content } = await backendOver({}, '2021-01-30');
    const placed = (await backend.handle('placeItem', { issue: '2021/04', title: FIELDS.title })) as { path: string; issue: { create: boolean; date: string } };
    expect(placed.issue).toMatchObject({ create: true, date: '2021-02-01' });
    await persist(backend, placed.path, entryText({ ...FIELDS, date: '2021-01-30', issue: '2021/04' }, BODY, OFFICE), true);
    expect(await readFile(path.join(content, '2021/04/index.md'), 'utf8')).toBe(lines('---', 'date: 2021-02-01', '---'));
    expect(await readFile(path.join(content, placed.path.slice('content/'.length)), 'utf8')).toBe(itemText({ ...FIELDS, date: '2021-01-30', body: BODY }));
    expect(placed.path).toMatch(/^content\/2021\/04\/01-/);
  });

  it('gives an item read and saved back unchanged its bytes back, full-width indent, quotes and comments included', async () => {
    const original = lines('---', "title: '上街区召开会议'   # 标题", 'date: 2021-01-23', 'unit: 济源路办事处', 'category: 疫情防控', '---', '', '　　1月23日，上街区召开会议。', '第二行紧接着。');
    const { backend, content } = await backendOver({ 'content/2021/03/01-hui-yi.md': original });
    const entry = (await backend.handle('getEntry', { path: 'content/2021/03/01-hui-yi.md' })) as { data: string };
    const parts = splitItem(entry.data)!;
    expect(parts.data.issue).toBe('2021/03');
    await persist(backend, 'content/2021/03/01-hui-yi.md', entryText(parts.data, parts.body, OFFICE), false);
    expect(await readFile(path.join(content, '2021/03/01-hui-yi.md'), 'utf8')).toBe(original);
  });

  describe('writes nothing, and says why in Chinese, when', () => {
    /** `save` is given the path a new item of FIELDS.title gets in 2021/03. */
    async function refused(files: Record<string, string | Uint8Array>, save: (backend: ContentBackend, file: string) => Promise<unknown>, message: RegExp) {
      const { backend, files: list, content } = await backendOver(files);
      const before = new Map(await Promise.all(list().map(async (file) => [file, await readFile(path.join(content, file))] as const)));
      const { path: file } = (await backend.handle('placeItem', { issue: '2021/03', title: FIELDS.title })) as { path: string };
      const error = await save(backend, file).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(FormError);
      expect((error as Error).message).toMatch(message);
      expect(list()).toEqual([...before.keys()]);
      for (const [file, bytes] of before) expect(await readFile(path.join(content, file))).toEqual(bytes);
    }

    it('a photo has no text alternative (alt)', async () => {
      const bytes = await photo();
      await refused({}, (backend, file) => persist(backend, file, entryText(FIELDS, `${BODY}\n\n![](现场.jpg)`, OFFICE), true, [asset('content/2021/03/现场.jpg', bytes)]), /没有保存，请先改正：\n.*content\/2021\/03\/01-ji-yuan-lu-[a-z-]+\.md:\d+:\d+/);
    });

    it('the unit is not on units.yaml', async () => {
      await refused({}, (backend, file) => persist(backend, file, entryText({ ...FIELDS, unit: '不存在的单位' }, BODY, OFFICE), true), /没有保存/);
    });

    it('an upload is not an image or a document', async () => {
      await refused({}, (backend, file) => persist(backend, file, entryText(FIELDS, `${BODY}\n\n[程序](setup.exe)`, OFFICE), true, [asset('content/2021/03/setup.exe', Buffer.from('MZ'))]), /不能上传 setup\.exe/);
    });

    it('another file of the issue has the upload’s name', async () => {
      const bytes = await photo();
      await refused({ 'content/2021/03/现场.jpg': Buffer.from('another photo') }, (backend, file) => persist(backend, file, entryText(FIELDS, `${BODY}\n\n![现场](现场.jpg)`, OFFICE), true, [asset('content/2021/03/现场.jpg', bytes)]), /已有另一个文件叫 现场\.jpg/);
    });

    it('another clerk took the new item’s name since the form asked for it', async () => {
      const { backend, content, files } = await backendOver();
      const { path: file } = (await backend.handle('placeItem', { issue: '2021/03', title: FIELDS.title })) as { path: string };
      await writeFile(path.join(content, '2021/03/01-hui-yi.md'), goodItem('会议'));
      await expect(persist(backend, file, entryText(FIELDS, BODY, OFFICE), true)).rejects.toThrow(/请再点一次“发布”/);
      expect(files()).toEqual(['2021/03/01-hui-yi.md', '2021/03/index.md', '_data/categories.yaml', '_data/site.yaml', '_data/units.yaml']);
    });

    it('the path is outside the issues’ folders', async () => {
      await refused({}, (backend) => persist(backend, 'content/_data/site.yaml', 'title: x\n', false), /只能读写 content\//);
      await refused({}, (backend) => persist(backend, 'content/../package.json', '{}', false), /只能读写 content\//);
      await refused({}, (backend) => backend.handle('getEntry', { path: 'content/_data/units.yaml' }), /只能读写 content\//);
    });
  });
});
