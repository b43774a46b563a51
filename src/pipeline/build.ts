/**
 * A whole build: content → validated model → site structure → the steps (steps.ts: render, search
 * index, body files), all into a staging folder (staging.ts), which reaches the output folder
 * only when every step has passed. A failed or killed build leaves the last good output exactly
 * as it was.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedAdminPage } from '../admin/index.ts';
import { outputSalt, removeOtherVersions } from '../cache/index.ts';
import { LoadMemo, type Diagnostic, type IsoDate } from '../content/index.ts';
import { removeTree } from '../files/index.ts';
import { renderAll, RenderCache } from '../markdown/index.ts';
import { saveReadings } from '../search/index.ts';
import { buildSite, changedPages, fingerprintPages, fingerprintSite, renderJobs } from '../site/index.ts';
import { checkOutputInWorker } from './check-in-worker.ts';
import type { IssuePdfCount } from './issue-pdfs.ts';
import { SILENT_PROGRESS, type Progress } from './progress.ts';
import { forgetRecord, RECORD_VERSION, reusablePages, statesAfterCommit, treeStates, upToDate, writeRecord, type PreviousOutput, type States } from './reuse.ts';
import { resolveSiteAddress, type SiteAddress } from './site-address.ts';
import { commitInPlace, recoverFromKilledBuilds, stagingFolder, swapIn } from './staging.ts';
import { BuildFailure, STEPS, type BuildContext } from './steps.ts';
import { loadChecked, withLinkProblems } from './validate.ts';

/** The project's own layouts, wherever the build is started from. */
export const LAYOUTS_DIR = fileURLToPath(new URL('../../layouts', import.meta.url));

export interface BuildRequest {
  contentDir: string;
  outDir: string;
  /** Include drafts (preview builds only). */
  drafts?: boolean;
  /** Templates and stylesheet; the project's own `layouts/` unless given (to try a changed copy). */
  layoutsDir?: string;
  /** Diagnostics name files relative to this folder. */
  root?: string;
  /** Today's date in China, for the far-future date warning (as `npm run check` gives it). */
  today?: IsoDate;
  /** Where the site is published (`SITE_URL`); `url` in site.yaml unless given. Its path is the path prefix. */
  siteUrl?: string;
  /** Folder of the rendered-Markdown cache (`npm run build`: `.cache/build`); without one it lasts this build only. */
  cacheDir?: string;
  /** Every issue printed to PDF too, and linked from its page as 下载PDF版 (needs chromium and a CJK font). */
  pdf?: boolean;
  /** Where a long build shows how far it is; silent unless given. */
  progress?: Progress;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Number of pages in the output: written now, or reused unchanged from the last build. */
  pages: number;
  /** How many of them were reused. */
  reused: number;
  /** The output was already what this build would write: nothing was rendered or replaced. */
  upToDate?: boolean;
  /** Why the build stopped after validation, when it did. */
  failure?: string;
  /** Where the built site is to be served (its path prefix), when the build succeeded. */
  address?: SiteAddress;
  /** The issues' PDFs, when asked for: how many were printed, how many were unchanged. */
  pdfs?: IssuePdfCount;
  /** Milliseconds each stage took, in order (`npm run build -- --timings`). */
  timings: Record<string, number>;
}

export async function build(request: BuildRequest): Promise<BuildResult> {
  const outDir = path.resolve(request.outDir);
  // First, so that even a build that stops at validation leaves the last good output in place.
  await recoverFromKilledBuilds(outDir);
  const progress = request.progress ?? SILENT_PROGRESS;
  try {
    return await buildWith(request, outDir, RenderCache.open(request.cacheDir), progress);
  } finally {
    progress.clear();
  }
}

async function buildWith(request: BuildRequest, outDir: string, cache: RenderCache, progress: Progress): Promise<BuildResult> {
  const root = request.root ?? process.cwd();
  const timings: Record<string, number> = {};
  let lap = performance.now();
  const time = (stage: string) => {
    const now = performance.now();
    timings[stage] = Math.round(now - lap);
    lap = now;
  };
  // The last output's files are checked beside the validation: the worker reads the record itself.
  // A build that stops before it needs the answer leaves it unread (workerAnswer: never unhandled).
  const checking = request.cacheDir ? checkOutputInWorker(request.cacheDir, outDir) : Promise.resolve(undefined);
  const memo = LoadMemo.read(request.cacheDir);
  const drafts = request.drafts ?? false;
  const pdf = request.pdf ?? false;
  const validation = { root, today: request.today, memo, drafts };
  const loaded = await loadChecked(request.contentDir, validation);
  time('loadContent');
  if (!loaded.content) return { ok: false, diagnostics: loaded.diagnostics, pages: 0, reused: 0, timings };
  const { content } = loaded;
  const address = resolveSiteAddress(request.siteUrl, content.site.url);
  if (!address.ok) return { ok: false, diagnostics: loaded.diagnostics, pages: 0, reused: 0, failure: address.message, timings };

  const render = await renderAll(renderJobs(content, { drafts }), { cache, onProgress: (done, total) => progress.update('正在转换正文', done, total) });
  time('renderMarkdown');
  // Canonical links, the feed and the sitemap name the address the site is published at.
  const site = buildSite({ ...content, site: { ...content.site, url: address.url } }, render, { drafts, pdf });
  time('buildSite');
  // The same check of the bodies' links as `npm run check` makes, on this site.
  const { diagnostics, content: valid } = withLinkProblems(loaded, site, request.contentDir, validation);
  if (!valid) return { ok: false, diagnostics, pages: 0, reused: 0, timings };

  const layoutsDir = path.resolve(request.layoutsDir ?? LAYOUTS_DIR);
  const salt = outputSalt(layoutsDir, [address, drafts, pdf]);
  const previous = await checking;
  const fingerprints = fingerprintPages(site, salt);
  // The form offers every unit and issue of the content, on a page or not; Decap's version is in the salt (the lockfile).
  const adminPage = publishedAdminPage(content, address.pathPrefix);
  const siteFingerprint = fingerprintSite(site, adminPage === undefined ? salt : `${salt}:${adminPage}`, fingerprints);
  if (previous && upToDate(previous, siteFingerprint)) {
    // The output is exactly what this build would write, and it passed every step then.
    if (request.cacheDir) await memo.save(request.cacheDir).catch(() => undefined);
    time('upToDate');
    return { ok: true, diagnostics, pages: previous.record.pageCount, reused: previous.record.pageCount, upToDate: true, address, timings };
  }
  const reusable = reusablePages(previous);
  const changed = changedPages(site, fingerprints, reusable);
  const reused = [...fingerprints].filter(([url, fingerprint]) => reusable.get(url) === fingerprint).map(([url]) => url);
  time('comparePages');

  await mkdir(path.dirname(outDir), { recursive: true });
  const staging = stagingFolder(outDir);
  const context: BuildContext = {
    site,
    renderSet: changed,
    address,
    layoutsDir,
    staging,
    contentDir: request.contentDir,
    cacheDir: request.cacheDir,
    drafts,
    pdf,
    pdfs: undefined,
    adminPage,
    pages: 0,
    progress,
    previous,
    reused,
    kept: new Set(),
    linked: new Map(),
    record: { version: RECORD_VERSION, outDir, pages: fingerprints, search: undefined, site: siteFingerprint, files: new Map(), folders: new Map(), pageCount: 0 },
    fingerprints,
  };
  let committing = false;
  try {
    for (const step of STEPS) {
      await step(context);
      time(step.name);
    }
    await forgetRecord(request.cacheDir, outDir);
    let removed: Promise<void> = Promise.resolve();
    // A commit in place gives the states the record needs; after a swap they are taken when there is a record to write.
    let states: { files: States; folders: States } | undefined;
    if (previous) {
      committing = true;
      states = await commitKept(previous, context, outDir);
    } else {
      ({ removed } = await swapIn(staging, outDir));
    }
    // A cache that cannot be written costs the next build time, never correctness.
    if (request.cacheDir) {
      const cacheDir = request.cacheDir;
      Object.assign(context.record, states ?? treeStates(outDir, context.linked), { pageCount: context.pages });
      // Settled, not all: one failing must not end the wait while the others still write.
      // `search-docs-…`: the compressed entries of search index format 2, whose segments keep them in the output now.
      await Promise.allSettled([cache.save(), memo.save(cacheDir), writeRecord(cacheDir, context.record), context.templates?.save(), saveReadings(cacheDir), removeOtherVersions(cacheDir, 'search-docs', [])]);
    }
    // The new output is in place: an old one left behind is cleared by the next build (recoverFromKilledBuilds).
    await removed.catch(() => undefined);
    time('commitAndSaveCache');
    return { ok: true, diagnostics, pages: context.pages, reused: context.reused.length, address, pdfs: context.pdfs, timings };
  } catch (error) {
    // A commit cut short by an error is finished by the next build, from its journal and this staging folder.
    if (!committing) await removeTree(staging);
    return { ok: false, diagnostics, pages: 0, reused: 0, failure: error instanceof BuildFailure ? error.message : describeError(error), timings };
  }
}

/**
 * Commits the staging folder in place: the output keeps the files the steps kept, takes those
 * staged, and loses the rest of what the record lists and what it does not know (added by
 * hand). Returns the new output's states, for the record.
 */
async function commitKept(previous: PreviousOutput, context: BuildContext, outDir: string): Promise<{ files: States; folders: States }> {
  // Taken before the files move (a rename keeps them).
  const staged = treeStates(context.staging, context.linked).files;
  const remove = [...previous.record.files.keys()].filter((file) => !staged.has(file) && !context.kept.has(file));
  const touched = await commitInPlace(context.staging, outDir, [...remove, ...previous.strays]);
  return statesAfterCommit(previous, context.kept, staged, touched);
}

/** Eleventy wraps the cause (a template's own error) in `originalError`; show the whole chain on one line. */
export function describeError(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error && messages.length < 5; ) {
    messages.push(e.message.replace(/\s*\n\s*/g, ' '));
    e = (e as { originalError?: unknown }).originalError ?? e.cause;
  }
  return messages.length > 0 ? messages.join(' ← ') : String(error);
}
