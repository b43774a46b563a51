/**
 * Reads one file of the content folder, then its text, or says why it cannot be read: too large,
 * a symbolic link that leads out of the content folder, not text at all, or not UTF-8. The two
 * are apart so that a file the memo knows by its bytes is never decoded (checked-file.ts).
 */
// Synchronous on purpose: thousands of small files read one by one cost a thread-pool round trip
// per call when asynchronous, which made reading 4,000 items four times slower (bench/results.md).
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeUtf8, detectEncoding, firstNonUtf8Line, looksBinary } from './encoding.ts';
import type { Problem } from './yaml.ts';

/** An item is a few hundred characters; a megabyte is a picture or a document saved as `.md`. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type ReadResult = { text: string; problems: [] } | { text: undefined; problems: Problem[] };

const fail = (message: string, line = 1): ReadResult => ({
  text: undefined,
  problems: [{ line, column: 1, severity: 'error', message }],
});

/** Whether `target` is `root` or inside it; both already resolved. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The resolved path of `file`, or undefined when it leads nowhere. */
export function tryRealpath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Why the symbolic link at `file` may not be followed, or undefined when it may: it leads to a
 * file inside `contentDir`. A linked folder is refused too: its items would be published twice.
 */
export function symlinkProblem(contentDir: string, file: string): string | undefined {
  const target = tryRealpath(file);
  if (target === undefined) return '这是一个符号链接（symlink），它指向的文件不存在：请删除这个链接，把文件本身放在这里';
  if (!isInside(realpathSync(contentDir), target)) {
    return `这是一个符号链接（symlink），指向 content/ 之外的“${target}”：内容须放在 content/ 里，请删除这个链接，把文件复制进来`;
  }
  if (statSync(target).isDirectory()) {
    return '这是指向目录的符号链接（symlink）：其中的信息会重复发布，请删除这个链接';
  }
  return undefined;
}

export type BytesResult = { bytes: Buffer; problems: [] } | { bytes: undefined; problems: Problem[] };

/** The bytes of `file`, or why they may not be read: a link out of the content folder, or too large. */
export function readContentBytes(contentDir: string, file: string): BytesResult {
  let info = lstatSync(file);
  if (info.isSymbolicLink()) {
    const problem = symlinkProblem(contentDir, file);
    if (problem) return { bytes: undefined, problems: fail(problem).problems };
    info = statSync(file);
  }
  const size = info.size;
  if (size > MAX_FILE_BYTES) {
    const problem = `文件有 ${(size / MAX_FILE_BYTES).toFixed(1)} MB，超过 1 MB 的上限：一条信息不会这么大，请检查是否误存了图片或其他文件；很长的材料请分成几条`;
    return { bytes: undefined, problems: fail(problem).problems };
  }
  return { bytes: readFileSync(file), problems: [] };
}

/** A file's bytes as text, or why they are not: not text at all, or not UTF-8. */
export function contentText(bytes: Uint8Array): ReadResult {
  if (looksBinary(bytes)) {
    return fail('这不是文本文件（含有二进制内容）：可能是把 Word 文档或图片改成了 .md 文件名；请新建文本文件，把文字粘贴进去，保存为 UTF-8 编码');
  }
  const text = decodeUtf8(bytes);
  if (text !== undefined) return { text, problems: [] };
  const encoding = detectEncoding(bytes);
  return fail(
    encoding
      ? `文件不是 UTF-8 编码（看起来是 ${encoding === 'GB18030' ? 'GB18030/GBK' : encoding}）：请运行 npm run check -- --fix-encoding 自动转换，或在编辑器中“另存为”，编码选 UTF-8`
      : '文件不是 UTF-8 编码，也无法判断是哪种编码：请在编辑器中“另存为”，编码选 UTF-8',
    encoding?.startsWith('UTF-16') ? 1 : firstNonUtf8Line(bytes),
  );
}
