/**
 * The steps of a build between validation and the swap, in order, each writing into the staging
 * folder: Eleventy renders the changed pages, the unchanged ones are linked from the last good
 * output, the search index is written. The first to throw stops the build. No step parses the
 * pages written: the bodies' links were checked against the site structure before any of them
 * (withLinkProblems in validate.ts), and every other link of a page comes from the URL table
 * (tests/integration/site-links.test.ts checks that they all resolve).
 */
import path from 'node:path';
import type { EleventyConfig } from '../eleventy/index.ts';
import { PrintError } from '../print/index.ts';
import { startSearchIndex, writeSearchIndex, type SearchIndexFiles } from '../search/index.ts';
import { issuePdfKeys, searchKey, urls, type Fingerprints, type RenderSet, type Site } from '../site/index.ts';
import { publishIssuePdfs, type IssuePdfCount } from './issue-pdfs.ts';
import { fileOfPage } from './page-files.ts';
import type { Progress } from './progress.ts';
import { publishFiles } from './publish-files.ts';
import { linkFiles, untouched, type OutputRecord } from './reuse.ts';
import type { SiteAddress } from './site-address.ts';

/** What the build's steps share. */
export interface BuildContext {
  site: Site;
  /** The paginated pages Eleventy writes this time; the rest are in `reused`. */
  renderSet: RenderSet;
  address: SiteAddress;
  layoutsDir: string;
  /** The folder every step writes into; it replaces the output once the last step has passed. */
  staging: string;
  contentDir: string;
  /** The build cache (`.cache/build`), when there is one. */
  cacheDir: string | undefined;
  drafts: boolean;
  /** Every issue is printed to PDF too (`--pdf`); the site links to them. */
  pdf: boolean;
  /** How many PDFs were printed and how many taken from the cache, when `pdf`. */
  pdfs: IssuePdfCount | undefined;
  /** The published web form's page, when site.yaml has `admin:`. */
  adminPage: string | undefined;
  /** Number of pages written or reused. */
  pages: number;
  progress: Progress;
  /** What the last good output holds, when it can be reused (src/pipeline/reuse.ts). */
  previous: OutputRecord | undefined;
  /** URLs of the large paginated pages left out of the render set, as unchanged since `previous`. */
  reused: string[];
  /** The search index, being built in a worker thread while Eleventy renders; undefined when it is reused or built after Eleventy. */
  searchIndex?: Promise<SearchIndexFiles> | undefined;
  /** What this build's output holds, filled in by the steps. */
  record: OutputRecord;
  fingerprints: Fingerprints;
}

/** A step's own failure, its message written for the clerk and shown as it is. */
export class BuildFailure extends Error {}

/** Eleventy renders the pages into the staging folder and adds the path prefix to every root-relative URL. */
async function renderPages(context: BuildContext): Promise<void> {
  const { site, renderSet, layoutsDir } = context;
  let written = 0;
  // Imported here: a build that finds its output up to date never loads Eleventy (0.6 s).
  const [{ default: Eleventy }, { bulletinPlugin }] = await Promise.all([import('@11ty/eleventy'), import('../eleventy/index.ts')]);
  const eleventy = new Eleventy(layoutsDir, context.staging, {
    quietMode: true,
    configPath: false,
    pathPrefix: context.address.pathPrefix,
    config: (eleventyConfig: EleventyConfig) =>
      bulletinPlugin(eleventyConfig, {
        build: { site, renderSet },
        layoutsDir,
        onPage: () => context.progress.update('正在生成页面', ++written),
      }),
  });
  // Failures come back as one line in `failure`; Eleventy's logger would add its stack trace.
  eleventy.disableLogger();
  context.pages = countPages(await eleventy.write());
}

/** `write()` resolves to [passthrough copies, templates written]. */
function countPages(written: unknown): number {
  const templates: unknown = Array.isArray(written) ? written[1] : undefined;
  return Array.isArray(templates) ? templates.length : 0;
}

/** The unchanged pages, linked from the last good output. */
async function reusePages(context: BuildContext): Promise<void> {
  if (!context.previous) return;
  linkFiles(context.previous.outDir, context.staging, context.reused.map(fileOfPage));
  context.pages += context.reused.length;
}

/** The last build's search index, when it was built from the same items under the same salt and is still as written. */
function reusableSearchIndex(context: BuildContext): { key: string; files: string[] } | undefined {
  const previous = context.previous?.search;
  if (previous?.key !== searchKey(context.site, context.fingerprints)) return undefined;
  return previous.files.every((file) => untouched(context.previous!, `search/${file}`)) ? previous : undefined;
}

/**
 * Above this many items the index is built in the main thread after Eleventy, not beside it: at
 * 20,000 items the worker's 0.45 GB on top of Eleventy's peak took the build to 1.65 GB, over its
 * 1.5 GB budget (1.22 GB built after Eleventy; bench/build/history.md).
 */
const WORKER_ITEMS = 10_000;

/** Starts the search index in a worker thread, to be built on the other core while Eleventy renders. */
async function startSearchIndexStep(context: BuildContext): Promise<void> {
  if (context.site.newest.length > WORKER_ITEMS || reusableSearchIndex(context)) return;
  context.searchIndex = startSearchIndex(context.site);
  // Awaited by writeSearchIndexStep; a failure before then must not go unhandled if an earlier step throws.
  context.searchIndex.catch(() => undefined);
}

/**
 * The search index and its client, into `search/` beside the search page (src/search/); linked
 * from the last good output when it was built from the same items under the same salt.
 */
async function writeSearchIndexStep(context: BuildContext): Promise<void> {
  const dir = (root: string) => path.join(root, 'search');
  const reusable = reusableSearchIndex(context);
  if (reusable) {
    linkFiles(dir(context.previous!.outDir), dir(context.staging), reusable.files);
    context.record.search = reusable;
    return;
  }
  const index = await writeSearchIndex(context.site, context.staging, context.searchIndex);
  context.record.search = { key: searchKey(context.site, context.fingerprints), files: [...index.files.keys()] };
}

/** The bodies' photos (made once, then linked from the cache) and attachments (copied as they are). */
async function publishBodyFiles(context: BuildContext): Promise<void> {
  const { contentDir, cacheDir, staging, progress, drafts } = context;
  await publishFiles(context.site.files, { contentDir, cacheDir, outDir: staging, prune: !drafts, progress });
}

/** Each issue's PDF, from the issue page just written (it needs the photos and the stylesheet in place). */
async function printIssuePdfs(context: BuildContext): Promise<void> {
  if (!context.pdf) return;
  const { site, staging, cacheDir, address, drafts, progress } = context;
  try {
    context.pdfs = await publishIssuePdfs(site.issues, issuePdfKeys(site, context.fingerprints), { outDir: staging, cacheDir, address, prune: !drafts, progress });
  } catch (error) {
    throw error instanceof PrintError ? new BuildFailure(error.message) : error;
  }
}

/** The web form at /admin/, when site.yaml asks for it: its page, our script and Decap's, all from this checkout. */
async function writeAdminStep(context: BuildContext): Promise<void> {
  if (context.adminPage === undefined) return;
  const { writeAdminFolder } = await import('../admin/index.ts');
  await writeAdminFolder(path.join(context.staging, ...urls.admin.split('/').filter(Boolean)), context.adminPage);
}

export const STEPS: readonly ((context: BuildContext) => Promise<void>)[] = [
  startSearchIndexStep,
  renderPages,
  reusePages,
  publishBodyFiles,
  printIssuePdfs,
  writeSearchIndexStep,
  writeAdminStep,
];
