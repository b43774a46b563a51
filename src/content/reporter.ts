/** Collects the problems of one load, each with the file it was found in, as the clerk sees it named. */
import path from 'node:path';
import type { Diagnostic } from './model.ts';
import type { Problem } from './yaml.ts';

/** The content folder as named from each root, worked out once: a load names every file of 20,000. */
const folderShown = new Map<string, string>();

/** How a file of the content folder is named to the clerk: relative to `root` (the project), with `/`. */
export function displayPath(contentDir: string, root: string, relative: string): string {
  // A path with a `.`, `..` or empty segment (or a backslash) is resolved the long way.
  const plain = relative.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !segment.includes('\\'));
  if (!plain || path.isAbsolute(relative)) return path.relative(root, path.join(contentDir, relative)).split(path.sep).join('/');
  // Relative folders are taken from the working directory, as path.relative takes them.
  const key = `${process.cwd()}\0${contentDir}\0${root}`;
  let folder = folderShown.get(key);
  if (folder === undefined) folderShown.set(key, (folder = path.relative(root, contentDir).split(path.sep).join('/')));
  return folder === '' ? relative : `${folder}/${relative}`;
}

/** By file, then by place in it; problems at one place stay in the order found. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly contentDir: string,
    private readonly root: string,
  ) {}

  /** Path to show for a file given relative to the content folder. */
  display(relative: string): string {
    return displayPath(this.contentDir, this.root, relative);
  }

  add(relative: string, problems: readonly Problem[]): void {
    for (const problem of problems) this.diagnostics.push({ file: this.display(relative), ...problem });
  }

  error(relative: string, message: string, line = 1, column = 1): void {
    this.add(relative, [{ line, column, severity: 'error', message }]);
  }

  sorted(): Diagnostic[] {
    return sortDiagnostics(this.diagnostics);
  }
}
