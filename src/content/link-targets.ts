/**
 * What a body links to and shows must be publishable: an image has a text alternative and is a
 * file beside the item, never another host's; nothing is embedded from elsewhere; a linked local
 * file exists inside the content folder, is of a type the site publishes, within the size limit,
 * and is what its extension says. Finding the links reads the body alone (the Markdown stage does
 * it); the files are asked of the disk on every load, their contents read only when they changed.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { extensionOf, fileTypeOf } from './file-types.ts';
import { fileState, formatBytes, inspectFile, inspectionKey, statOf, type InspectedFile } from './linked-files.ts';
import type { BodyLink, LinkedFile } from './model.ts';
import { isInside } from './read-file.ts';
import type { Problem } from './yaml.ts';

/** The content file a link to `linked` (as written, decoded) in the body of `from` names; both relative to the content folder. */
export function linkedFile(from: string, linked: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), linked));
}

/** Inspections by real path, each with the state and the bytes' hash of the file it was made from. */
export type InspectedFiles = Map<string, InspectedFile>;

export interface LinkContext {
  contentDir: string;
  /** Bytes a linked file may have (site.yaml's `maxFileMB`). */
  maxBytes: number;
  /** What the last load found (src/content/memo.ts): a file whose state is unchanged is not read again. */
  inspectedBefore: ReadonlyMap<string, InspectedFile>;
  /** What this load finds: the files looked at, for the next. */
  inspected: InspectedFiles;
}

/** The real path of `file`, or undefined when there is none (it does not exist). */
function realpathOf(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** The local files the bodies of one load link to: every one named, and those that may be published. */
export class BodyFiles {
  /** Every local file a body names, relative to the content folder: no other file goes unmentioned. */
  readonly referenced = new Set<string>();
  readonly files = new Map<string, LinkedFile>();

  /** The content folder's real path, asked of the disk once a load. */
  #root: string | undefined;
  /** The last load's inspections by extension and hash, made when first needed. */
  #byBytes: Map<string, InspectedFile> | undefined;

  constructor(readonly context: LinkContext) {}

  /** The problems of the links of a body that starts on line `bodyLine` of `file` (relative to the content folder). */
  async check(links: readonly BodyLink[], bodyLine: number, file: string): Promise<Problem[]> {
    const problems: Problem[] = [];
    for (const link of links) {
      const named = link.target.kind === 'file' ? linkedFile(file, link.target.path) : undefined;
      // Named, even when the link itself is refused (an image without alt text): no “unread file” warning then.
      if (named !== undefined) this.referenced.add(named);
      const place = { line: bodyLine + link.line - 1, column: link.column, severity: 'error' as const };
      const problem = linkProblem(link) ?? (named !== undefined && link.target.kind === 'file' ? await this.#fileProblem(link, link.target.path, named) : undefined);
      if (problem) problems.push({ ...place, message: problem });
    }
    return problems;
  }

  #earlierOfBytes(key: string): InspectedFile | undefined {
    this.#byBytes ??= new Map([...this.context.inspectedBefore].map(([file, kept]) => [inspectionKey(extensionOf(file), kept.hash), kept]));
    return this.#byBytes.get(key);
  }

  /** `linked` as written, decoded; `named` the content file it names. */
  async #fileProblem(link: BodyLink, linked: string, named: string): Promise<string | undefined> {
    const { context } = this;
    const what = link.kind === 'image' ? '图片' : '链接的文件';
    // Synchronous, the libc call the asynchronous one makes: 200 photos' awaits, one thread-pool round trip each, took a warm build 0.07 s.
    const root = (this.#root ??= realpathSync.native(context.contentDir));
    const target = path.resolve(context.contentDir, named);
    const real = realpathOf(target);
    if (!isInside(root, real ?? target)) return `${what}“${link.url}”在 content/ 之外：请把文件放进 content/，并按本文件所在目录写相对路径`;
    if (real === undefined) return `${what}“${link.url}”不存在：请核对文件名和位置（相对于本文件所在目录），或删去这个链接`;
    // A page of the site (src/site/body-links.ts).
    if (/\.md$/i.test(linked)) return undefined;
    const typed = fileTypeOf(linked);
    if ('refused' in typed) return `${what}“${link.url}”：${typed.refused}`;
    if (link.kind === 'image' && typed.type.kind === 'attachment') {
      return `“${link.url}”不是图片，不能用 ![…](…) 显示：图片只能是 JPG、PNG、WebP、GIF 或 SVG；附件请写成链接 [附件名称](${link.url})`;
    }
    const stated = statOf(real);
    if ('problem' in stated) return `“${link.url}”${stated.problem}`;
    if (stated.stats.size > context.maxBytes) {
      return `${what}“${link.url}”有 ${formatBytes(stated.stats.size)}，超过网站设置的上限 ${formatBytes(context.maxBytes)}（site.yaml 中的 maxFileMB）：请压缩或缩小后再放入，或请管理员调高上限`;
    }
    const state = fileState(stated.stats);
    let kept = context.inspected.get(real) ?? context.inspectedBefore.get(real);
    if (kept?.state !== state) kept = await inspectFile(real, state, typed.extension, typed.type, (key) => this.#earlierOfBytes(key));
    context.inspected.set(real, kept);
    const { inspection } = kept;
    if (inspection.problem !== undefined) return `${what}“${link.url}”：${inspection.problem}`;
    this.files.set(named, { file: named, ...inspection.file });
    return undefined;
  }
}

/** A link's problem that needs no file: an image without alt text, another host's image, an embed. */
function linkProblem(link: BodyLink): string | undefined {
  if (link.kind === 'embed') {
    return `正文中的 <${link.element}>（“${link.url}”）不能发布：网站不嵌入视频、音频或其他网页，也不从其他网站加载内容。请改为链接，如 [观看视频](${link.url || 'https://…'})；本地文件请作为附件链接`;
  }
  if (link.kind !== 'image') return undefined;
  if (link.target.kind !== 'file') {
    const what = link.url === '' ? '图片没有写文件名' : `图片“${link.url}”不是本地文件，读者的浏览器会去其他网站取图`;
    return `${what}：请把图片下载后放在本条信息旁，再写成 ![图片内容的说明](文件名.jpg)`;
  }
  if (!link.alt) return `图片“${link.url}”没有文字说明：请写出图片内容的文字说明，如 ![志愿者在社区发放宣传册](${link.url})，供看不到图片的读者使用`;
  return undefined;
}
