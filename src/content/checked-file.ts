/** One issue or item file, read (or taken from the memo) and checked, its findings added to the report. */
import path from 'node:path';
import type { BodyFiles } from './link-targets.ts';
import type { Checked, CheckedFiles } from './memo.ts';
import { contentText, readContentBytes, type BytesResult } from './read-file.ts';
import type { Reporter } from './reporter.ts';

/** Where a file's check comes from: the memo, and whether the caller vouches it is unchanged. */
export interface CheckSource<T> {
  memo: CheckedFiles<T> | undefined;
  unchanged: boolean;
}

/** The bytes of a content file, or undefined with its problems reported. */
function readBytes(contentDir: string, relative: string, report: Reporter): Uint8Array | undefined {
  let read: BytesResult;
  try {
    read = readContentBytes(contentDir, path.join(contentDir, relative));
  } catch {
    report.error(relative, `找不到文件 ${report.display(relative)}：请按 README 中的内容结构创建它`);
    return undefined;
  }
  report.add(relative, read.problems);
  return read.bytes;
}

/** A content file's bytes as text, or undefined with its problems reported. */
function textOf(relative: string, bytes: Uint8Array, report: Reporter): string | undefined {
  const read = contentText(bytes);
  report.add(relative, read.problems);
  return read.text;
}

/** The text of a content file, or undefined with its problems reported. */
export async function readText(contentDir: string, relative: string, report: Reporter): Promise<string | undefined> {
  const bytes = readBytes(contentDir, relative, report);
  return bytes === undefined ? undefined : textOf(relative, bytes, report);
}

/**
 * The check of `file`: the memo's without reading it when it is known unchanged, else read and
 * checked, or taken from the memo by its bytes (not decoded: 0.14 s of a build at 20,000 items).
 */
export async function checkedFile<T>(
  contentDir: string,
  file: string,
  report: Reporter,
  { memo, unchanged }: CheckSource<T>,
  context: string,
  check: (source: string) => Checked<T>,
): Promise<Checked<T> | undefined> {
  const kept = unchanged ? memo?.lastChecked(file, context) : undefined;
  if (kept) return kept;
  const bytes = readBytes(contentDir, file, report);
  if (bytes === undefined) return undefined;
  const checkText = () => {
    const source = textOf(file, bytes, report);
    return source === undefined ? undefined : check(source);
  };
  return memo ? memo.getOrCheck(file, bytes, context, checkText) : checkText();
}

/** Adds what `file` was found to have, asking the disk now about the files its body links to (`bodyFiles` learns them). */
export async function reportChecked(file: string, checked: Checked<unknown>, report: Reporter, bodyFiles: BodyFiles): Promise<void> {
  report.add(file, checked.before);
  report.add(file, await bodyFiles.check(checked.links.links, checked.bodyLine, file));
  report.add(file, checked.after);
}
