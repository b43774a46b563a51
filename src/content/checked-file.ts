/** One issue or item file, read (or taken from the memo) and checked, its findings added to the report. */
import path from 'node:path';
import type { BodyFiles } from './link-targets.ts';
import type { Checked, CheckedFiles } from './memo.ts';
import { readContentText } from './read-file.ts';
import type { Reporter } from './reporter.ts';

/** Where a file's check comes from: the memo, and whether the caller vouches it is unchanged. */
export interface CheckSource<T> {
  memo: CheckedFiles<T> | undefined;
  unchanged: boolean;
}

/** The text of a content file, or undefined with its problems reported. */
export async function readText(contentDir: string, relative: string, report: Reporter): Promise<string | undefined> {
  const read = await readContentText(contentDir, path.join(contentDir, relative)).catch(() => undefined);
  if (!read) {
    report.error(relative, `找不到文件 ${report.display(relative)}：请按 README 中的内容结构创建它`);
    return undefined;
  }
  report.add(relative, read.problems);
  return read.text;
}

/** The check of `file`: the memo's without reading it when it is known unchanged, else read and checked (or taken from the memo). */
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
  const source = await readText(contentDir, file, report);
  if (source === undefined) return undefined;
  return memo ? memo.getOrCheck(file, source, context, () => check(source)) : check(source);
}

/** Adds what `file` was found to have, asking the disk now about the files its body links to (`bodyFiles` learns them). */
export async function reportChecked(file: string, checked: Checked<unknown>, report: Reporter, bodyFiles: BodyFiles): Promise<void> {
  report.add(file, checked.before);
  report.add(file, await bodyFiles.check(checked.links.links, checked.bodyLine, file));
  report.add(file, checked.after);
}
