/**
 * The steps of a build between validation and the swap, in order, each writing into the staging
 * folder: Eleventy renders the changed pages, the unchanged ones are linked from the last good
 * output, the search index is written, every link is checked. The first to throw stops the build.
 */
import path from 'node:path';
import type { EleventyConfig } from '../eleventy/index.ts';
import { PrintError } from '../print/index.ts';
import { writeSearchIndex } from '../search/index.ts';
import { issuePdfKeys, searchKey, urls, type Fingerprints, type RenderSet, type Site } from '../site/index.ts';
import { publishIssuePdfs, type IssuePdfCount } from './issue-pdfs.ts';
import { checkSiteLinks, describeBrokenLinks, fileOfPage } from './link-check.ts';
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
  /** Names a page's content file, for messages: `/2021/01/huiyi/` → `content/2021/01/01-huiyi.md`. */
  sourceOf: (page: string) => string | undefined;
  /** Number of pages written or reused. */
  pages: number;
  progress: Progress;
  /** What the last good output holds, when it can be reused (src/pipeline/reuse.ts). */
  previous: OutputRecord | undefined;
  /** URLs of the large paginated pages left out of the render set, as unchanged since `previous`. */
  reused: string[];
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

/**
 * The search index and its client, into `search/` beside the search page (src/search/); linked
 * from the last good output when it was built from the same items under the same salt.
 */
async function writeSearchIndexStep(context: BuildContext): Promise<void> {
  const key = searchKey(context.site, context.fingerprints);
  const previous = context.previous?.search;
  const dir = (root: string) => path.join(root, 'search');
  if (previous?.key === key && previous.files.every((file) => untouched(context.previous!, `search/${file}`))) {
    linkFiles(dir(context.previous!.outDir), dir(context.staging), previous.files);
    context.record.search = previous;
    return;
  }
  const index = await writeSearchIndex(context.site, context.staging);
  context.record.search = { key, files: [...index.files.keys()] };
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

/** A broken internal link stops the build with every broken link listed. */
async function checkStagingLinks(context: BuildContext): Promise<void> {
  // Reused pages were parsed by the build that wrote them.
  const known = new Map(context.reused.map((url) => [fileOfPage(url), context.previous!.pages.get(url)!.parsed]));
  const { broken, pages } = await checkSiteLinks(context.staging, context.address, known);
  if (broken.length > 0) throw new BuildFailure(describeBrokenLinks(broken, context.sourceOf));
  for (const [url, fingerprint] of context.fingerprints) context.record.pages.set(url, { fingerprint, parsed: pages.get(fileOfPage(url))! });
}

export const STEPS: readonly ((context: BuildContext) => Promise<void>)[] = [
  renderPages,
  reusePages,
  publishBodyFiles,
  printIssuePdfs,
  // Into the staging folder, after the pages it indexes and before the link check, which then
  // covers the search page's links too.
  writeSearchIndexStep,
  writeAdminStep,
  checkStagingLinks,
];
