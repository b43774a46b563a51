/**
 * A whole build: content → validated model → site structure → the steps (render, search index,
 * link check), all into a staging folder, which replaces the output folder only when every step
 * has passed. A failed or killed build leaves the last good output exactly as it was.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Eleventy from '@11ty/eleventy';
import { loadContent } from '../content/load.ts';
import type { Diagnostic, IsoDate } from '../content/model.ts';
import { bulletinPlugin, type EleventyConfig } from '../eleventy/plugin.ts';
import { renderMarkdown } from '../markdown/render.ts';
import { writeSearchIndex } from '../search/write.ts';
import { buildSite } from '../site/build.ts';
import type { Site } from '../site/model.ts';
import { checkLinks, describeBrokenLinks } from './links.ts';
import { resolveSiteAddress, type SiteAddress } from './site-url.ts';

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
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Number of files Eleventy wrote. */
  pages: number;
  /** Why the build stopped after validation, when it did. */
  failure?: string;
  /** Where the built site is to be served (its path prefix), when the build succeeded. */
  address?: SiteAddress;
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
  /** Number of files Eleventy wrote. */
  pages: number;
}

/** A step's own failure, its message written for the clerk and shown as it is. */
export class BuildFailure extends Error {}

/** Eleventy renders every page into the staging folder and adds the path prefix to every root-relative URL. */
async function renderPages(stage: Stage): Promise<void> {
  const { site, layoutsDir } = stage;
  const eleventy = new Eleventy(layoutsDir, stage.staging, {
    quietMode: true,
    configPath: false,
    pathPrefix: stage.address.pathPrefix,
    config: (eleventyConfig: EleventyConfig) => bulletinPlugin(eleventyConfig, { site, layoutsDir }),
  });
  // Failures come back as one line in `failure`; Eleventy's logger would add its stack trace.
  eleventy.disableLogger();
  stage.pages = countPages(await eleventy.write());
}

/** The search index and its client, into `search/` beside the search page (src/search/). */
async function writeSearchIndexStep(stage: Stage): Promise<void> {
  await writeSearchIndex(stage.site, stage.staging);
}

/** A broken internal link stops the build with every broken link listed. */
async function checkStagingLinks(stage: Stage): Promise<void> {
  const broken = await checkLinks(stage.staging, stage.address);
  if (broken.length > 0) throw new BuildFailure(describeBrokenLinks(broken, stage.sourceOf));
}

/** The steps between validation and the swap, in order; the first to throw stops the build. */
const STEPS: readonly ((stage: Stage) => Promise<void>)[] = [
  renderPages,
  // Into the staging folder, after the pages it indexes and before the link check, which then
  // covers the search page's links too.
  writeSearchIndexStep,
  checkStagingLinks,
];

export async function build(request: BuildRequest): Promise<BuildResult> {
  const outDir = path.resolve(request.outDir);
  // First, so that even a build that stops at validation leaves the last good output in place.
  await recoverFromKilledBuilds(outDir);
  const root = request.root ?? process.cwd();
  const { content, diagnostics } = await loadContent(request.contentDir, { root, today: request.today });
  if (!content) return { ok: false, diagnostics, pages: 0 };
  const address = resolveSiteAddress(request.siteUrl, content.site.url);
  if (!address.ok) return { ok: false, diagnostics, pages: 0, failure: address.message };

  // Canonical links, the feed and the sitemap name the address the site is published at.
  const site = buildSite({ ...content, site: { ...content.site, url: address.url } }, renderMarkdown, { drafts: request.drafts ?? false });
  await mkdir(path.dirname(outDir), { recursive: true });
  const staging = path.join(path.dirname(outDir), `${stagingPrefix(outDir)}${process.pid}`);
  // Item pages only: an issue page repeats its items' bodies, so a link there is named on the item page too.
  const sources = new Map(site.items.map((item) => [item.url, item.file]));
  const stage: Stage = {
    site,
    address,
    layoutsDir: path.resolve(request.layoutsDir ?? LAYOUTS_DIR),
    staging,
    sourceOf: (page) => {
      const file = sources.get(page);
      return file && path.relative(root, path.join(request.contentDir, file)).split(path.sep).join('/');
    },
    pages: 0,
  };
  try {
    for (const step of STEPS) await step(stage);
    await swapIn(staging, outDir);
    return { ok: true, diagnostics, pages: stage.pages, address };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    return { ok: false, diagnostics, pages: 0, failure: error instanceof BuildFailure ? error.message : describeError(error) };
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
