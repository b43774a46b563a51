/** The Markdown files of the content folder, sorted into issue files and item files. */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { walkTree } from '../files/index.ts';
import { isInside, symlinkProblem, tryRealpath } from './read-file.ts';
import type { Reporter } from './reporter.ts';

/** Saved as text under another name (Notepad's `.md.txt`, other Markdown endings): meant as an item. */
const TEXT_NAMES = /\.(?:markdown|mdown|mkdn?|mdtext|txt|text)$/i;
/** Word and WPS documents: the importer reads them. */
const DOCUMENT_NAMES = /\.(?:docx?|wps|rtf|odt)$/i;

/** What a file that is not read is to the clerk: an error when it looks meant as an item, else a warning. */
function unreadFileProblem(name: string): { severity: 'error' | 'warning'; message: string } {
  if (TEXT_NAMES.test(name)) {
    const renamed = `${name.replace(/(?:\.md)?\.[^.]+$/i, '')}.md`;
    return { severity: 'error', message: `这个文件不会被读取：网站只读取以 .md 结尾的文件。如果它是一条信息，请改名为 ${renamed}` };
  }
  if (DOCUMENT_NAMES.test(name)) {
    return { severity: 'error', message: 'Word/WPS 文件不会被读取：请用 npm run import -- 文件名 导入其中的信息，或把文字粘贴进一个 .md 文件，再删去这个文件' };
  }
  return { severity: 'warning', message: '这个文件不会被读取，也不会发布：网站只读取 .md 文件。如果不再需要，请删去它' };
}

const YEAR = /^\d{4}$/;
const NUMBER = /^\d{1,3}$/;

export interface ContentListing {
  /** Markdown files, relative, depth first in name order. */
  markdown: string[];
  /** The other regular files: attachments, or files a clerk meant as items (see `reportUnreadFiles`). */
  others: string[];
  /** The files `.md` symlinks lead to, relative: read through the link. */
  linked: Set<string>;
}

/**
 * The files of the content folder; dot files and the top-level `_` folders (`_data/`) are left
 * out. A `.md` symlink is listed and judged when read, any other symlink here.
 */
export function listContent(contentDir: string, report: Reporter): ContentListing {
  const entries = walkTree(contentDir, ({ path: relative, entry }) => entry.name.startsWith('.') || (!relative.includes('/') && entry.name.startsWith('_')));
  const listing: ContentListing = { markdown: [], others: [], linked: new Set() };
  const root = realpathSync(contentDir);
  for (const { path: relative, entry } of entries) {
    if (entry.isDirectory()) continue;
    if (entry.name.toLowerCase().endsWith('.md')) {
      listing.markdown.push(relative);
      if (entry.isSymbolicLink()) {
        const target = tryRealpath(path.join(contentDir, relative));
        if (target && isInside(root, target)) listing.linked.add(path.relative(root, target).split(path.sep).join('/'));
      }
    } else if (entry.isSymbolicLink()) {
      const problem = symlinkProblem(contentDir, path.join(contentDir, relative));
      if (problem) report.error(relative, problem);
    } else listing.others.push(relative);
  }
  return listing;
}

/**
 * No file of the content folder is left out without a word: a file that is neither read (as
 * Markdown, or through a `.md` symlink) nor named by a body's link is an error when it looks
 * meant as an item, a warning otherwise.
 */
export function reportUnreadFiles(listing: ContentListing, referenced: ReadonlySet<string>, report: Reporter): void {
  for (const file of listing.others) {
    if (referenced.has(file) || listing.linked.has(file)) continue;
    const { severity, message } = unreadFileProblem(path.posix.basename(file));
    report.add(file, [{ line: 1, column: 1, severity, message }]);
  }
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
