/**
 * The steps of a build between validation and the commit, in order, each writing into the staging
 * folder: Eleventy renders the changed pages, the unchanged ones are kept from the last good
 * output, the search index is written. The first to throw stops the build. No step parses the
 * pages written: the bodies' links were checked against the site structure before any of them
 * (withLinkProblems in validate.ts), and every other link of a page comes from the URL table
 * (tests/integration/site-links.test.ts checks that they all resolve).
 */
import path from 'node:path';
import { writeAdminFolder } from '../admin/index.ts';
import type { EleventyConfig } from '../eleventy/index.ts';
import { PrintError } from '../print/index.ts';
import { readingsIn, segmentFiles, startSearchIndex, writeSearchIndex, type IndexOptions, type SearchIndexFiles } from '../search/index.ts';
import { issuePdfKeys, searchKey, urls, type Fingerprints, type RenderSet, type Site } from '../site/index.ts';
import { publishIssuePdfs, type IssuePdfCount } from './issue-pdfs.ts';
import { fileOfPage } from './page-files.ts';
import type { Progress } from './progress.ts';
import { publishFiles } from './publish-files.ts';
import { linkFiles, untouched, type OutputRecord, type PreviousOutput } from './reuse.ts';
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
  /** What the last good output holds and how it was found, when it can be reused (src/pipeline/reuse.ts). */
  previous: PreviousOutput | undefined;
  /** URLs of the large paginated pages left out of the render set, as unchanged since `previous`. */
  reused: string[];
  /** Files of `previous` the new output keeps where they are, each found untouched. */
  kept: Set<string>;
  /** Files of `previous` wanted under another name, hard-linked into the staging folder after they were found untouched → the state its record gave them. */
  linked: Map<string, string>;
  /** How the search index comes (startSearchIndexStep): the last build's, or built under `key` with `options`, `started` in a worker or (undefined) after Eleventy. */
  search?: { reuse: NonNullable<OutputRecord['search']> } | { key: string; started: Promise<SearchIndexFiles> | undefined; options: IndexOptions };
  /** The templates' compiled sources, when Eleventy ran: saved with the other caches. */
  templates?: { save(): Promise<void> };
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
  const [{ default: Eleventy }, { bulletinPlugin, CompiledTemplates }] = await Promise.all([import('@11ty/eleventy'), import('../eleventy/index.ts')]);
  const templates = CompiledTemplates.read(context.cacheDir);
  context.templates = templates;
  const eleventy = new Eleventy(layoutsDir, context.staging, {
    quietMode: true,
    configPath: false,
    pathPrefix: context.address.pathPrefix,
    config: (eleventyConfig: EleventyConfig) =>
      bulletinPlugin(eleventyConfig, {
        build: { site, renderSet },
        layoutsDir,
        templates,
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

/** Files of the last good output (paths from its root, found untouched) the new one has at the same paths: they stay where they are. */
function keepFromPrevious(context: BuildContext, files: Iterable<string>): void {
  for (const file of files) context.kept.add(file);
}

/**
 * Files of the last good output the new one has too (a map from the path in the new output to
 * the path in the last; paths from its root): kept where they are when the paths are equal, the
 * others linked into the staging folder, each linked one with the state its record gave it.
 */
function takeFromPrevious(context: BuildContext, { record }: PreviousOutput, files: ReadonlyMap<string, string>): void {
  const elsewhere = new Map<string, string>();
  for (const [file, source] of files) {
    if (file === source) context.kept.add(file);
    else elsewhere.set(file, source);
  }
  for (const file of linkFiles(record.outDir, context.staging, elsewhere)) context.linked.set(file, record.files.get(elsewhere.get(file)!)!);
}

/** The unchanged pages, kept from the last good output. */
async function reusePages(context: BuildContext): Promise<void> {
  if (!context.previous) return;
  keepFromPrevious(context, context.reused.map(fileOfPage));
  context.pages += context.reused.length;
}

/**
 * The index is built beside Eleventy unless both are large. Measured at 20,000 items, a cold build
 * with the worker peaks at 1.14-1.18 GB, 1.34 GB in one run of `npm run bench` (1.00-1.13 GB with
 * the index after Eleventy), about 58 KB an item, and is 1.5 s faster (bench/build/history.md,
 * step 35): past 20,000 items its peak would come within reach of the 1.5 GB budget. (Step 4's
 * 1.65 GB predates the index's smaller buffers, step 16.) Eleventy's peak grows with the pages it
 * renders, so a build that renders few of them (a merge or an edit renders dozens) keeps the
 * worker at any size.
 */
const WORKER_ITEMS = 20_000;
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
  const last = previous?.record.search;
  if (last?.key === key && untouchedIn(last.files)) {
    context.search = { reuse: last };
    return;
  }
  const options: IndexOptions = {
    previous: last?.segments.filter((segment) => untouchedIn(segmentFiles(segment))) ?? [],
    readings: context.cacheDir === undefined ? undefined : readingsIn(context.cacheDir),
  };
  // Awaited by writeSearchIndexStep (workerAnswer leaves no rejection unhandled if an earlier step throws).
  const started = inWorker(context) ? startSearchIndex(context.site, options) : undefined;
  context.search = { key, started, options };
}

/** The search index and its client, into `search/` beside the search page (src/search/), as startSearchIndexStep decided. */
async function writeSearchIndexStep(context: BuildContext): Promise<void> {
  const plan = context.search!;
  if ('reuse' in plan) {
    keepFromPrevious(context, plan.reuse.files.map((file) => `search/${file}`));
    context.record.search = plan.reuse;
    return;
  }
  const index = await writeSearchIndex(context.site, context.staging, { started: plan.started, options: plan.options, cacheDir: context.cacheDir });
  // The segments kept and the items stored before, from the last output (only ever offered when there was one).
  if (index.linked.size > 0) takeFromPrevious(context, context.previous!, new Map([...index.linked].map(([file, from]) => [`search/${file}`, `search/${from}`])));
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
    const keptFrom = context.previous?.record.outDir;
    context.pdfs = await publishIssuePdfs(site.issues, issuePdfKeys(site, context.fingerprints), { outDir: staging, keptFrom, cacheDir, address, prune: !drafts, progress });
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
