/**
 * A whole build: content → validated model → site structure → Eleventy into a staging folder,
 * which replaces the output folder only when every step has passed. A failed or killed build
 * leaves the last good output exactly as it was.
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Eleventy from '@11ty/eleventy';
import { loadContent } from '../content/load.ts';
import type { Diagnostic } from '../content/model.ts';
import { bulletinPlugin, type EleventyConfig } from '../eleventy/plugin.ts';
import { renderMarkdown } from '../markdown/render.ts';
import { buildSite } from '../site/build.ts';

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
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Number of files Eleventy wrote. */
  pages: number;
  /** Why the build stopped after validation, when it did. */
  failure?: string;
}

/** Staging folders are siblings of the output, so the final swap is a rename on one file system. */
const stagingPrefix = (outDir: string) => `${path.basename(outDir)}.staging-`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Clears what killed builds left; a build still running keeps its staging folder. */
async function removeStaleStaging(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const prefix = stagingPrefix(outDir);
  for (const name of await readdir(parent).catch(() => [])) {
    if (name.startsWith(prefix) && !isRunning(Number(name.slice(prefix.length)))) {
      await rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

async function swapIn(staging: string, outDir: string): Promise<void> {
  const old = `${outDir}.old-${process.pid}`;
  await rm(old, { recursive: true, force: true });
  await rename(outDir, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(staging, outDir);
  await rm(old, { recursive: true, force: true });
}

export async function build(request: BuildRequest): Promise<BuildResult> {
  const outDir = path.resolve(request.outDir);
  const { content, diagnostics } = await loadContent(request.contentDir, { root: request.root ?? process.cwd() });
  if (!content) return { ok: false, diagnostics, pages: 0 };

  const site = buildSite(content, renderMarkdown, { drafts: request.drafts ?? false });
  await mkdir(path.dirname(outDir), { recursive: true });
  await removeStaleStaging(outDir);
  const staging = path.join(path.dirname(outDir), `${stagingPrefix(outDir)}${process.pid}`);
  try {
    const layoutsDir = path.resolve(request.layoutsDir ?? LAYOUTS_DIR);
    const eleventy = new Eleventy(layoutsDir, staging, {
      quietMode: true,
      configPath: false,
      config: (eleventyConfig: EleventyConfig) => bulletinPlugin(eleventyConfig, { site, layoutsDir }),
    });
    // Failures come back as one line in `failure`; Eleventy's logger would add its stack trace.
    eleventy.disableLogger();
    const written = await eleventy.write();
    await swapIn(staging, outDir);
    return { ok: true, diagnostics, pages: countPages(written) };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    return { ok: false, diagnostics, pages: 0, failure: describeError(error) };
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
