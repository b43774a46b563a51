/**
 * The form's local backend: Decap CMS's proxy protocol (the actions of `decap-server`, read in
 * its source: POST `{ action, params }`) over this checkout's content folder, with every write
 * made the project's way. A new item is written as `npm run new` writes it, into the issue the
 * clerk chose (a new issue folder when a new week starts); an edited one is patched in place;
 * nothing is written that `npm run check` would refuse.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { entryText, FORM_FOLDER, FORM_KEYS, type FormChoices } from '../../admin/index.ts';
import { FILE_TYPES, formatDiagnostic, splitItem, type IsoDate } from '../../content/index.ts';
import { replaceFile, writeNewFile } from '../../files/index.ts';
import { currentIssue, ensureIssue, issueText, targetIssue, type TargetIssue } from '../issue-folder.ts';
import { nextItemFile } from '../item-file.ts';
import { loadSetting, type Setting } from '../setting.ts';
import { patchItem } from './item-patch.ts';
import { checkChanges } from './staged-check.ts';

/** A refusal the form shows the clerk (Decap puts `error` in its notice). */
export class FormError extends Error {
  constructor(message: string, readonly status = 422) {
    super(message);
  }
}

export interface BackendOptions {
  contentDir: string;
  /** The checkout: problems name files relative to it, as `npm run check` does. */
  root: string;
  today: () => IsoDate;
  /** A body as the site renders it (sanitized HTML): for the preview, and to tell whether the form changed a body. */
  renderBody: (body: string) => Promise<string>;
}

interface Asset {
  path: string;
  content: string;
  encoding: 'base64';
}
interface DataFile {
  path: string;
  raw: string;
}

const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const posix = (file: string) => file.split(path.sep).join('/');
const ITEM = /^(\d{4})\/(\d{2,3})\/(?!index\.md$)[^/]+\.md$/;

export class ContentBackend {
  constructor(private readonly options: BackendOptions) {}

  /** `content/2021/03/x.md` (Decap's name, under FORM_FOLDER) → the file in the content folder; refuses anything outside it or in `_data/`. */
  private resolve(file: unknown): { absolute: string; inContent: string } {
    if (typeof file !== 'string') throw new FormError('缺少文件路径');
    // Normalized after the folder is taken off, so that `content/../x` is seen leaving it.
    const inContent = path.posix.normalize(file.replace(/\\/g, '/').slice(FORM_FOLDER.length + 1));
    if (!file.startsWith(`${FORM_FOLDER}/`) || inContent === '.' || inContent.startsWith('..') || inContent.startsWith('/') || inContent.startsWith('_data/')) {
      throw new FormError(`网页表单只能读写 ${FORM_FOLDER}/ 中各期的文件：${file}`, 403);
    }
    return { absolute: path.join(this.options.contentDir, ...inContent.split('/')), inContent };
  }

  private shownPath = (absolute: string) => `${FORM_FOLDER}/${posix(path.relative(this.options.contentDir, absolute))}`;

  async setting(): Promise<Setting> {
    const problems: string[] = [];
    const setting = await loadSetting(this.options.contentDir, this.options.root, this.options.today(), (line) => problems.push(line));
    if (!setting) throw new FormError(problems.join('\n'), 409);
    return setting;
  }

  /** What the form offers: units, categories and the issues, the current one (as `npm run new` picks it) first. */
  choices(setting: Setting): FormChoices {
    const today = this.options.today();
    const current = currentIssue(setting.issues, today);
    const issues = setting.issues.map((issue) => ({ key: issue.key, year: issue.year, number: issue.number, date: issue.date, create: false }));
    if (current.create) issues.push(current);
    return { office: setting.office, units: setting.units, categories: setting.categories, issues, current, today };
  }

  /** An item as Decap reads it, with the form's `issue` field added to its front-matter. */
  private async entry(file: string) {
    const { absolute, inContent } = this.resolve(file);
    const match = ITEM.exec(inContent);
    let raw: string;
    try {
      raw = await readFile(absolute, 'utf8');
    } catch {
      return { data: null, file: { path: file, id: null } };
    }
    const parts = match && splitItem(raw);
    const data = parts ? `${raw.slice(0, parts.frontMatterStart + parts.frontMatter.length)}issue: ${match[1]}/${match[2]}\n${raw.slice(parts.frontMatterStart + parts.frontMatter.length)}` : raw;
    return { data, file: { path: file, id: sha256(raw) } };
  }

  private async items(): Promise<string[]> {
    const found: string[] = [];
    const walk = async (folder: string, depth: number): Promise<void> => {
      for (const entry of await readdir(path.join(this.options.contentDir, folder), { withFileTypes: true }).catch(() => [])) {
        const name = folder ? `${folder}/${entry.name}` : entry.name;
        if (entry.isDirectory() && depth < 2) await walk(name, depth + 1);
        else if (entry.isFile() && ITEM.test(name)) found.push(name);
      }
    };
    await walk('', 0);
    return found.sort().map((name) => this.shownPath(path.join(this.options.contentDir, name)));
  }

  private async media(folder: unknown) {
    // The site-wide media library: items keep their files beside them, so it stays empty.
    if (folder === FORM_FOLDER) return [];
    const { absolute } = this.resolve(folder);
    const names = (await readdir(absolute, { withFileTypes: true }).catch(() => [])).filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !entry.name.endsWith('.md'));
    return Promise.all(names.map((entry) => this.mediaFile(this.shownPath(path.join(absolute, entry.name)))));
  }

  private async mediaFile(file: string) {
    const { absolute } = this.resolve(file);
    const bytes = await readFile(absolute);
    return { id: sha256(bytes), content: bytes.toString('base64'), encoding: 'base64', path: file, name: path.basename(file) };
  }

  /** The name `npm run new` would give a new item of `title` in the issue `issueKey` now, and that issue. */
  async placeItem(issueKey: unknown, title: unknown, setting?: Setting): Promise<{ name: string; path: string; issue: TargetIssue }> {
    const { issues } = setting ?? (await this.setting());
    const refused: string[] = [];
    const today = this.options.today();
    const current = currentIssue(issues, today);
    // The current issue as the form offered it (a new week after a skipped one keeps its own date).
    const issue = issueKey === current.key ? current : targetIssue(issues, typeof issueKey === 'string' ? issueKey : undefined, today, (line) => refused.push(line));
    if (!issue) throw new FormError(refused.join('\n'));
    const file = await nextItemFile(path.join(this.options.contentDir, ...issue.key.split('/')), typeof title === 'string' ? title : '');
    return { name: path.basename(file, '.md'), path: this.shownPath(file), issue };
  }

  /** A save: checked as a whole, then written; nothing is written when anything is refused. */
  async persist(dataFile: DataFile, assets: readonly Asset[], newEntry: boolean): Promise<void> {
    const { absolute, inContent } = this.resolve(dataFile.path);
    const match = ITEM.exec(inContent);
    const parts = splitItem(dataFile.raw);
    if (!match || !parts) throw new FormError(`无法保存 ${dataFile.path}：信息须存为 content/年/期号/ 中的 .md 文件`);
    const issueKey = `${match[1]}/${match[2]}`;
    const data = Object.fromEntries(Object.entries(parts.data).filter(([key]) => !(FORM_KEYS as readonly string[]).includes(key)));
    const setting = await this.setting();
    let text: string;
    let newIssue: TargetIssue | undefined;
    if (newEntry) {
      const placed = await this.placeItem(issueKey, data.title, setting);
      if (placed.issue.create) newIssue = placed.issue;
      if (placed.path !== dataFile.path) throw new FormError('同一期中刚刚有人新建了信息，文件名要重新排：请再点一次“发布”');
      text = entryText(data, parts.body, setting.office);
    } else {
      const original = await readFile(absolute, 'utf8').catch(() => {
        throw new FormError(`${dataFile.path} 已不存在（可能刚被移动或删除）：请刷新页面`, 409);
      });
      // The form's editor may spell a body it did not change its own way; the same page keeps the clerk's bytes.
      const sameBody = parts.body.trim() !== '' && (await this.options.renderBody(parts.body)) === (await this.options.renderBody(splitItem(original)?.body ?? ''));
      try {
        text = patchItem(original, { data, body: parts.body }, () => sameBody);
      } catch (error) {
        throw new FormError((error as Error).message);
      }
      if (text === original && assets.length === 0) return;
    }

    // Keyed by the path in the content folder. A new week's issue is checked with its index.md, as ensureIssue will write it.
    const files = new Map<string, string | Uint8Array>([[inContent, text]]);
    if (newIssue) files.set(`${newIssue.key}/index.md`, issueText(newIssue, undefined));
    for (const asset of assets) {
      const target = this.resolve(asset.path);
      const extension = path.extname(target.inContent).slice(1).toLowerCase();
      if (!Object.hasOwn(FILE_TYPES, extension)) throw new FormError(`不能上传 ${path.basename(asset.path)}：只能上传图片和常见文档（如 jpg、png、pdf、docx、xlsx）`);
      const bytes = Buffer.from(asset.content, asset.encoding);
      const existing = await readFile(target.absolute).catch(() => undefined);
      if (existing && !existing.equals(bytes)) throw new FormError(`这一期的文件夹中已有另一个文件叫 ${path.basename(asset.path)}：请把要上传的文件改个名字再上传`);
      files.set(target.inContent, bytes);
    }
    const problems = (await checkChanges(this.options.contentDir, this.options.root, this.options.today(), files)).filter((d) => d.severity === 'error');
    if (problems.length > 0) throw new FormError(`没有保存，请先改正：\n${problems.map((d) => formatDiagnostic(d)).join('\n')}`);

    if (newIssue) await ensureIssue(this.options.contentDir, newIssue);
    else await mkdir(path.dirname(absolute), { recursive: true });
    for (const [file, bytes] of files) {
      if (file === inContent || (newIssue && file === `${newIssue.key}/index.md`)) continue;
      const target = path.join(this.options.contentDir, ...file.split('/'));
      if (!(await readFile(target).catch(() => undefined))) await writeNewFile(target, bytes);
    }
    await (newEntry ? writeNewFile(absolute, text) : replaceFile(absolute, text));
  }

  private async remove(file: unknown): Promise<void> {
    const { absolute, inContent } = this.resolve(file);
    if (inContent.endsWith('/index.md')) throw new FormError('期次文件（index.md）不能在网页表单中删除');
    await rm(absolute, { force: true });
  }

  /** One request of the protocol; the answer is sent as JSON. */
  async handle(action: unknown, params: Record<string, unknown>): Promise<unknown> {
    switch (action) {
      case 'info':
        return { repo: path.basename(path.resolve(this.options.root)), publish_modes: ['simple'], type: 'local_fs' };
      case 'entriesByFolder':
        return Promise.all((await this.items()).map((file) => this.entry(file)));
      case 'entriesByFiles':
        return Promise.all(((params.files as { path: string }[]) ?? []).map((file) => this.entry(file.path)));
      case 'getEntry':
        return this.entry(params.path as string);
      case 'getMedia':
        return this.media(params.mediaFolder);
      case 'getMediaFile':
        return this.mediaFile(params.path as string);
      case 'persistEntry': {
        const dataFiles = (params.dataFiles as DataFile[] | undefined) ?? [params.entry as DataFile];
        if (dataFiles.length !== 1) throw new FormError('一次只能保存一条信息');
        const options = (params.options ?? {}) as { newEntry?: boolean };
        await this.persist(dataFiles[0]!, (params.assets as Asset[] | undefined) ?? [], options.newEntry === true);
        return { message: 'entry persisted' };
      }
      case 'persistMedia':
        throw new FormError('请在正文中用“图片”或“附件”按钮插入文件：文件随信息一起保存，放在信息旁边');
      case 'deleteFile':
        await this.remove(params.path);
        return { message: 'deleted' };
      case 'deleteFiles':
        for (const file of (params.paths as string[]) ?? []) await this.remove(file);
        return { message: 'deleted' };
      case 'getDeployPreview':
        return null;
      case 'placeItem':
        return this.placeItem(params.issue, params.title);
      case 'renderBody':
        return { html: await this.options.renderBody(String(params.body ?? '')) };
      default:
        throw new FormError(`未知的请求：${String(action)}`, 422);
    }
  }
}
