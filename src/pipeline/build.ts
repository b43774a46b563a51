/**
 * A whole build: content → validated model → site structure → the steps (render, search index,
 * link check), all into a staging folder, which replaces the output folder only when every step
 * has passed. A failed or killed build leaves the last good output exactly as it was.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputSalt } from '../cache/hash.ts';
import { LoadMemo, loadContent } from '../content/load.ts';
import type { Diagnostic, IsoDate } from '../content/model.ts';
import type { EleventyConfig } from '../eleventy/plugin.ts';
import { renderContent } from '../markdown/batch.ts';
import { RenderCache } from '../markdown/cache.ts';
import { writeSearchIndex } from '../search/write.ts';
import { buildSite } from '../site/structure.ts';
import { changedPages, fingerprintPages, fingerprintSite, searchKey, type Fingerprints } from '../site/fingerprint.ts';
import type { Site } from '../site/model.ts';
import { checkSiteLinks, describeBrokenLinks, fileOfPage } from './link-check.ts';
import { SILENT_PROGRESS, type Progress } from './progress.ts';
import { forgetRecord, linkFiles, readRecord, reusablePages, statFiles, untouched, upToDate, writeRecord, type OutputRecord } from './reuse.ts';
import { resolveSiteAddress, type SiteAddress } from './site-address.ts';

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
  /** Milliseconds each stage took, in order (`npm run build -- --timings`). */
  timings: Record<string, number>;
}

/** Staging folders are siblings of the output, so the final swap is a rename on one file system. */
const stagingPrefix = (outDir: string) => `${path.basename(outDir)}.staging-`;
/** Where the swap parks the previous output between its two renames. */
const oldPrefix = (outDir: string) => `${path.basename(outDir)}.old-`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Clears what killed builds left; a build still running keeps its folders. A build killed between
 * the two renames of the swap left no output, only the previous one parked aside: it goes back.
 */
async function recoverFromKilledBuilds(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  for (const name of await readdir(parent).catch(() => [])) {
    for (const prefix of [stagingPrefix(outDir), oldPrefix(outDir)]) {
      if (!name.startsWith(prefix) || isRunning(Number(name.slice(prefix.length)))) continue;
      const dir = path.join(parent, name);
      if (prefix === oldPrefix(outDir) && !existsSync(outDir)) await rename(dir, outDir);
      else await rm(dir, { recursive: true, force: true });
    }
  }
}

async function swapIn(staging: string, outDir: string): Promise<void> {
  const old = path.join(path.dirname(outDir), `${oldPrefix(outDir)}${process.pid}`);
  await rm(old, { recursive: true, force: true });
  await rename(outDir, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(staging, outDir);
  await rm(old, { recursive: true, force: true });
}

/** What the build's steps share. */
export interface Stage {
  site: Site;
  address: SiteAddress;
  layoutsDir: string;
  /** The folder every step writes into; it replaces the output once the last step has passed. */
  staging: string;
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
  /** Hash of the layouts, the code and the options: output made under another salt is never reused. */
  salt: string;
  fingerprints: Fingerprints;
}

/** A step's own failure, its message written for the clerk and shown as it is. */
export class BuildFailure extends Error {}

/** Eleventy renders the pages into the staging folder and adds the path prefix to every root-relative URL. */
async function renderPages(stage: Stage): Promise<void> {
  const { site, layoutsDir } = stage;
  let written = 0;
  // Imported here: a build that finds its output up to date never loads Eleventy (0.6 s).
  const [{ default: Eleventy }, { bulletinPlugin }] = await Promise.all([import('@11ty/eleventy'), import('../eleventy/plugin.ts')]);
  const eleventy = new Eleventy(layoutsDir, stage.staging, {
    quietMode: true,
    configPath: false,
    pathPrefix: stage.address.pathPrefix,
    config: (eleventyConfig: EleventyConfig) =>
      bulletinPlugin(eleventyConfig, {
        site,
        layoutsDir,
        onPage: () => stage.progress.update('正在生成页面', ++written),
      }),
  });
  // Failures come back as one line in `failure`; Eleventy's logger would add its stack trace.
  eleventy.disableLogger();
  stage.pages = countPages(await eleventy.write());
}

/** The unchanged pages, linked from the last good output. */
async function reusePages(stage: Stage): Promise<void> {
  if (!stage.previous) return;
  linkFiles(stage.previous.outDir, stage.staging, stage.reused.map(fileOfPage));
  stage.pages += stage.reused.length;
}

/**
 * The search index and its client, into `search/` beside the search page (src/search/); linked
 * from the last good output when it was built from the same items under the same salt.
 */
async function writeSearchIndexStep(stage: Stage): Promise<void> {
  const key = searchKey(stage.site, stage.fingerprints);
  const previous = stage.previous?.search;
  const dir = (root: string) => path.join(root, 'search');
  if (previous?.key === key && previous.files.every((file) => untouched(stage.previous!, `search/${file}`))) {
    linkFiles(dir(stage.previous!.outDir), dir(stage.staging), previous.files);
    stage.record.search = previous;
    return;
  }
  const index = await writeSearchIndex(stage.site, stage.staging);
  stage.record.search = { key, files: [...index.files.keys()] };
}

/** A broken internal link stops the build with every broken link listed. */
async function checkStagingLinks(stage: Stage): Promise<void> {
  // Reused pages were parsed by the build that wrote them.
  const known = new Map(stage.reused.map((url) => [fileOfPage(url), stage.previous!.pages.get(url)!.parsed]));
  const { broken, pages } = await checkSiteLinks(stage.staging, stage.address, known);
  if (broken.length > 0) throw new BuildFailure(describeBrokenLinks(broken, stage.sourceOf));
  for (const [url, fingerprint] of stage.fingerprints) stage.record.pages.set(url, { fingerprint, parsed: pages.get(fileOfPage(url))! });
}

/** The steps between validation and the swap, in order; the first to throw stops the build. */
const STEPS: readonly ((stage: Stage) => Promise<void>)[] = [
  renderPages,
  reusePages,
  // Into the staging folder, after the pages it indexes and before the link check, which then
  // covers the search page's links too.
  writeSearchIndexStep,
  checkStagingLinks,
];

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
  const memo = LoadMemo.read(request.cacheDir);
  const { content, diagnostics } = await loadContent(request.contentDir, { root, today: request.today, memo });
  time('loadContent');
  if (!content) return { ok: false, diagnostics, pages: 0, reused: 0, timings };
  const address = resolveSiteAddress(request.siteUrl, content.site.url);
  if (!address.ok) return { ok: false, diagnostics, pages: 0, reused: 0, failure: address.message, timings };

  const render = await renderContent(content, { cache, onProgress: (done, total) => progress.update('正在转换正文', done, total) });
  time('renderMarkdown');
  // Canonical links, the feed and the sitemap name the address the site is published at.
  const drafts = request.drafts ?? false;
  const site = buildSite({ ...content, site: { ...content.site, url: address.url } }, render, { drafts });
  time('buildSite');

  const layoutsDir = path.resolve(request.layoutsDir ?? LAYOUTS_DIR);
  const salt = outputSalt(layoutsDir, [address, drafts]);
  const previous = readRecord(request.cacheDir, outDir);
  const fingerprints = fingerprintPages(site, salt);
  const siteFingerprint = fingerprintSite(site, salt, fingerprints);
  if (previous && upToDate(previous, siteFingerprint)) {
    // The output is exactly what this build would write, and it passed every step then.
    if (request.cacheDir) await memo.save(request.cacheDir).catch(() => undefined);
    time('upToDate');
    const pages = [...previous.files.keys()].filter((file) => file.endsWith('.html')).length;
    return { ok: true, diagnostics, pages, reused: pages, upToDate: true, address, timings };
  }
  const reusable = reusablePages(previous);
  const changed = changedPages(site, fingerprints, reusable);
  const reused = [...fingerprints].filter(([url, fingerprint]) => reusable.get(url) === fingerprint).map(([url]) => url);
  time('comparePages');

  await mkdir(path.dirname(outDir), { recursive: true });
  const staging = path.join(path.dirname(outDir), `${stagingPrefix(outDir)}${process.pid}`);
  // Item pages only: an issue page repeats its items' bodies, so a link there is named on the item page too.
  const sources = new Map(site.items.map((item) => [item.url, item.file]));
  const stage: Stage = {
    site: { ...site, render: changed },
    address,
    layoutsDir,
    staging,
    sourceOf: (page) => {
      const file = sources.get(page);
      return file && path.relative(root, path.join(request.contentDir, file)).split(path.sep).join('/');
    },
    pages: 0,
    progress,
    previous,
    reused,
    record: { outDir, pages: new Map(), search: undefined, site: siteFingerprint, files: new Map() },
    salt,
    fingerprints,
  };
  try {
    for (const step of STEPS) {
      await step(stage);
      time(step.name);
    }
    await forgetRecord(request.cacheDir, outDir);
    await swapIn(staging, outDir);
    // A cache that cannot be written costs the next build time, never correctness.
    if (request.cacheDir) {
      const cacheDir = request.cacheDir;
      stage.record.files = statFiles(outDir);
      await Promise.all([cache.save(), memo.save(cacheDir), writeRecord(cacheDir, stage.record)]).catch(() => undefined);
    }
    time('swapAndSaveCache');
    return { ok: true, diagnostics, pages: stage.pages, reused: stage.reused.length, address, timings };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    return { ok: false, diagnostics, pages: 0, reused: 0, failure: error instanceof BuildFailure ? error.message : describeError(error), timings };
  }
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

/** `write()` resolves to [passthrough copies, templates written]. */
function countPages(written: unknown): number {
  const templates: unknown = Array.isArray(written) ? written[1] : undefined;
  return Array.isArray(templates) ? templates.length : 0;
}
