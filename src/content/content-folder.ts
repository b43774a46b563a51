/** The Markdown files of the content folder, sorted into issue files and item files. */
import path from 'node:path';
import { walkTree } from '../files/index.ts';
import { symlinkProblem } from './read-file.ts';
import type { Reporter } from './reporter.ts';

const YEAR = /^\d{4}$/;
const NUMBER = /^\d{1,3}$/;

/**
 * Markdown files, relative, depth first in name order; dot files and the top-level `_` folders
 * (`_data/`) are left out. A `.md` symlink is listed and judged when read, any other symlink here.
 */
export function listMarkdown(contentDir: string, report: Reporter): string[] {
  const entries = walkTree(contentDir, ({ path: relative, entry }) => entry.name.startsWith('.') || (!relative.includes('/') && entry.name.startsWith('_')));
  const files: string[] = [];
  for (const { path: relative, entry } of entries) {
    if (entry.isDirectory()) continue;
    if (entry.name.toLowerCase().endsWith('.md')) files.push(relative);
    else if (entry.isSymbolicLink()) {
      const problem = symlinkProblem(contentDir, path.join(contentDir, relative));
      if (problem) report.error(relative, problem);
    }
  }
  return files;
}

export interface SortedFiles {
  /** Every issue's `index.md`, those missing included (each reported). */
  issueFiles: Set<string>;
  itemFiles: string[];
}

/** Issue files are `YYYY/NN/index.md`, items the other files of such a folder; anything else is reported. */
export function sortContentFiles(files: readonly string[], report: Reporter): SortedFiles {
  const issueFiles = new Set<string>();
  const itemFiles: string[] = [];
  for (const file of files) {
    const parts = file.split('/');
    if (parts.length === 3 && YEAR.test(parts[0]!) && NUMBER.test(parts[1]!)) {
      if (parts[2] === 'index.md') issueFiles.add(file);
      else itemFiles.push(file);
    } else {
      report.error(file, '信息文件须放在期次目录中：应为 content/年份/期号/文件名.md，如 content/2021/03/01-huiyi.md');
    }
  }
  for (const file of itemFiles) {
    const index = file.replace(/[^/]+$/, 'index.md');
    if (!issueFiles.has(index)) {
      issueFiles.add(index);
      report.error(index, `期次目录 ${report.display(path.dirname(index))}/ 缺少 index.md：请新建该文件，写明出刊日期，如“date: 2021-01-25”`);
    }
  }
  return { issueFiles, itemFiles };
}
