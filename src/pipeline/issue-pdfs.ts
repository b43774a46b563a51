/**
 * Every issue as a PDF (`npm run build -- --pdf`), printed by chromium from the issue page in the
 * output folder, as `npm run pdf` prints it. A PDF is kept in the build cache by what it is
 * printed from (site/fingerprint.ts: issuePdfKeys), so an issue is printed again only when its
 * page or a photo on it changed; the rest are hard-linked from the cache.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openPrinter, PrintError, type Printer } from '../print/index.ts';
import type { IssuePage } from '../site/index.ts';
import { fileOfPage } from './page-files.ts';
import type { Progress } from './progress.ts';
import { placeFile } from './publish-files.ts';
import type { SiteAddress } from './site-address.ts';

export interface IssuePdfOptions {
  /** The built site the pages are printed from, and the PDFs written into. */
  outDir: string;
  /** The output whose files a build committing in place keeps: pages not in `outDir` are printed from it. */
  keptFrom?: string;
  cacheDir: string | undefined;
  address: SiteAddress;
  /** Removes the cached PDFs no issue uses any more. */
  prune: boolean;
  progress?: Progress;
}

export interface IssuePdfCount {
  printed: number;
  /** Taken from the cache unchanged. */
  reused: number;
}

const pdfFolder = (cacheDir: string) => path.join(cacheDir, 'pdf');

/** `keys`: issue URL → its PDF's key, for every issue that has `pdf`. */
export async function publishIssuePdfs(issues: readonly IssuePage[], keys: ReadonlyMap<string, string>, options: IssuePdfOptions): Promise<IssuePdfCount> {
  const offered = issues.filter((issue) => issue.pdf);
  const cached = (issue: IssuePage) => options.cacheDir && path.join(pdfFolder(options.cacheDir), `${keys.get(issue.url)}.pdf`);
  const toPrint = offered.filter((issue) => {
    const file = cached(issue);
    return !file || !existsSync(file);
  });
  if (toPrint.length > 0) await printAll(toPrint, options, cached);
  for (const issue of offered) {
    const file = cached(issue);
    if (!file) continue;
    const placed = path.join(options.outDir, fileOfPage(issue.pdf!));
    // An issue page kept in place has no folder in the staging folder.
    mkdirSync(path.dirname(placed), { recursive: true });
    placeFile(file, placed);
  }
  if (options.prune && options.cacheDir) prune(pdfFolder(options.cacheDir), new Set(offered.map((issue) => `${keys.get(issue.url)}.pdf`)));
  return { printed: toPrint.length, reused: offered.length - toPrint.length };
}

/** Prints into the cache when there is one (then placed with the rest), else straight into the output. */
async function printAll(issues: readonly IssuePage[], options: IssuePdfOptions, cached: (issue: IssuePage) => string | undefined): Promise<void> {
  if (options.cacheDir) mkdirSync(pdfFolder(options.cacheDir), { recursive: true });
  let printer: Printer;
  try {
    printer = await openPrinter(options.keptFrom ? [options.outDir, options.keptFrom] : options.outDir, options.address);
  } catch (error) {
    const why = error instanceof PrintError ? error.message : String(error);
    throw new PrintError(`无法生成各期 PDF（--pdf）：${why}。不带 --pdf 的 npm run build 不需要浏览器。`);
  }
  try {
    let done = 0;
    for (const issue of issues) {
      const final = cached(issue) ?? path.join(options.outDir, fileOfPage(issue.pdf!));
      // Under a temporary name first: a killed build leaves no half-written PDF under a key.
      const temporary = `${final}.${process.pid}.tmp`;
      try {
        await printer.print(issue.url, temporary);
        renameSync(temporary, final);
      } finally {
        rmSync(temporary, { force: true });
      }
      options.progress?.update('正在生成各期 PDF', ++done, issues.length);
    }
  } finally {
    await printer.close();
  }
}

function prune(folder: string, used: ReadonlySet<string>): void {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) if (!used.has(name)) rmSync(path.join(folder, name), { force: true });
}
