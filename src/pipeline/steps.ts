/**
 * The steps of a build between validation and the swap, in order, each writing into the staging
 * folder: Eleventy renders the changed pages, the unchanged ones are linked from the last good
 * output, the search index is written. The first to throw stops the build. No step parses the
 * pages written: the bodies' links were checked against the site structure before any of them
 * (withLinkProblems in validate.ts), and every other link of a page comes from the URL table
 * (tests/integration/site-links.test.ts checks that they all resolve).
 */
import path from 'node:path';
import { writeAdminFolder } from '../admin/index.ts';
import type { EleventyConfig } from '../eleventy/index.ts';
import { PrintError } from '../print/index.ts';
import { segmentFiles, startSearchIndex, writeSearchIndex, type IndexOptions, type SearchIndexFiles } from '../search/index.ts';
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
  /** Files hard-linked from `previous` after they were found untouched → the state its record gave them. */
  linked: Map<string, string>;
  /** How the search index comes (startSearchIndexStep): the last build's, or built under `key` with `options`, `started` in a worker or (undefined) after Eleventy. */
  search?: { reuse: NonNullable<OutputRecord['search']> } | { key: string; started: Promise<SearchIndexFiles> | undefined; options: IndexOptions };
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
  // Eleventy registers a module resolver hook unless told not to: it re-imports JavaScript
  // templates changed in watch mode. A build has none, and the hook slows every later import.
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= '1';
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

/**
 * `files` of the last good output (paths from its root; or a map from the path in the staging
 * folder to the path in that output), linked into the staging folder, each linked one with the
 * state its record gave it.
 */
function linkFromPrevious(context: BuildContext, previous: OutputRecord, files: readonly string[] | ReadonlyMap<string, string>): void {
  const source = (file: string) => (files instanceof Map ? (files as ReadonlyMap<string, string>).get(file)! : file);
  for (const file of linkFiles(previous.outDir, context.staging, files)) context.linked.set(file, previous.files.get(source(file))!);
}

/** The unchanged pages, linked from the last good output. */
async function reusePages(context: BuildContext): Promise<void> {
  if (!context.previous) return;
  linkFromPrevious(context, context.previous, context.reused.map(fileOfPage));
  context.pages += context.reused.length;
}

/**
 * The index is built beside Eleventy unless both are large: at 20,000 items the worker's 0.45 GB
 * on top of Eleventy's peak for 25,000 pages took a cold build to 1.65 GB, over its 1.5 GB budget
 * (1.22 GB built after Eleventy; bench/build/history.md). Eleventy's peak grows with the pages it
 * renders, so a build that renders few of them (a merge or an edit renders dozens) keeps the worker
 * at any size.
 */
const WORKER_ITEMS = 10_000;
const WORKER_PAGES = 5_000;

const inWorker = ({ site, renderSet }: BuildContext) =>
  site.newest.length <= WORKER_ITEMS || renderSet.items.length + renderSet.issues.length + renderSet.listings.length <= WORKER_PAGES;

/**
 * Decides how this build gets its search index: the last build's, when it was built from the same
 * items under the same salt and is still as written; otherwise started now in a worker thread, to
 * be built on the other core while Eleventy renders, or (a large archive rendered whole) later in
 * this thread. Either way it keeps the segments of the last build's index that are still as
 * written, so an added item costs one small segment.
 */
async function startSearchIndexStep(context: BuildContext): Promise<void> {
  const key = searchKey(context.site, context.fingerprints);
  const previous = context.previous;
  const untouchedIn = (files: readonly string[]) => files.every((file) => untouched(previous!, `search/${file}`));
  if (previous?.search?.key === key && untouchedIn(previous.search.files)) {
    context.search = { reuse: previous.search };
    return;
  }
  const options: IndexOptions = { previous: previous?.search?.segments.filter((segment) => untouchedIn(segmentFiles(segment))) ?? [] };
  const started = inWorker(context) ? startSearchIndex(context.site, options) : undefined;
  // Awaited by writeSearchIndexStep; a failure before then must not go unhandled if an earlier step throws.
  started?.catch(() => undefined);
  context.search = { key, started, options };
}

/** The search index and its client, into `search/` beside the search page (src/search/), as startSearchIndexStep decided. */
async function writeSearchIndexStep(context: BuildContext): Promise<void> {
  const plan = context.search!;
  if ('reuse' in plan) {
    linkFromPrevious(context, context.previous!, plan.reuse.files.map((file) => `search/${file}`));
    context.record.search = plan.reuse;
    return;
  }
  const index = await writeSearchIndex(context.site, context.staging, { started: plan.started, options: plan.options });
  // The segments kept and the items stored before, from the last output (only ever offered when there was one).
  if (index.linked.size > 0) linkFromPrevious(context, context.previous!, new Map([...index.linked].map(([file, from]) => [`search/${file}`, `search/${from}`])));
  context.record.search = { key: plan.key, files: [...index.files.keys(), ...index.linked.keys()], segments: index.segments };
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
