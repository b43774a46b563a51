/**
 * The three builds the bench compares, as command lines run from the repository root, and what
 * each needs ready before it is timed.
 */
import { execFile } from 'node:child_process';
import { cp, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Invocation } from './measure.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));
const run = promisify(execFile);

export type EngineId = 'ours' | 'plain' | 'hugo';
export const ENGINE_IDS: readonly EngineId[] = ['ours', 'plain', 'hugo'];

export const ENGINE_LABELS: Record<EngineId, string> = {
  ours: 'ours (full build)',
  plain: 'plain Eleventy 3.1.8 (markdown-it)',
  hugo: 'Hugo',
};

/** Where one size's corpus is: as clerks commit it, and Hugo's copy of it. */
export interface CorpusDirs {
  content: string;
  hugoContent: string;
}

/** Our full build as `npm run build` runs it: every page, the feed, the sitemap and the search index. `cache` is null while cli.ts has no --cache. */
export function oursBuild(content: string, out: string, cache: string | null): Invocation {
  return {
    command: process.execPath,
    args: ['src/launch.mjs', 'src/tools/build.ts', '--content', content, '--out', out, ...(cache === null ? [] : ['--cache', cache])],
  };
}

/** Eleventy's own CLI with bench/pipeline/eleventy-plain/: one page per Markdown file, no tsx. */
export function plainBuild(content: string, out: string): Invocation {
  return {
    command: process.execPath,
    args: ['node_modules/@11ty/eleventy/cmd.cjs', '--quiet', `--config=${path.join(HERE, 'eleventy-plain/eleventy.config.js')}`, `--input=${content}`, `--output=${out}`],
  };
}

/**
 * Hugo with bench/pipeline/hugo/ as its project. Its resource and cache folders go to the run's own
 * scratch folder (a fresh one each run, so Hugo starts cold too), not into bench/pipeline/hugo/; no
 * build lock file there either.
 */
export function hugoBuild(hugoContent: string, out: string, scratch: string): Invocation {
  return {
    command: 'hugo',
    args: ['--quiet', '--noBuildLock', '--source', path.join(HERE, 'hugo'), '--contentDir', hugoContent, '--destination', out],
    env: { HUGO_RESOURCEDIR: path.join(scratch, 'resources'), HUGO_CACHEDIR: path.join(scratch, 'cache') },
  };
}

/** `hugo version`'s line, or null when hugo is not on PATH (the bench then skips Hugo and says so). */
export async function hugoVersion(): Promise<string | null> {
  return run('hugo', ['version']).then(
    ({ stdout }) => stdout.trim(),
    () => null,
  );
}

/**
 * Hugo's copy of the corpus: the issue folders only (`_data/` is no content), each issue's
 * `index.md` renamed `_index.md`. As `index.md` Hugo would make the folder a leaf bundle and its
 * items resources rather than pages; as `_index.md` the folder is a section whose list page
 * stands for the issue page plain Eleventy makes of `index.md`.
 */
export async function writeHugoContent(content: string, dest: string): Promise<void> {
  await cp(content, dest, { recursive: true, filter: (src) => path.relative(content, src).split(path.sep)[0] !== '_data' });
  for (const entry of await readdir(dest, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name === 'index.md') await rename(path.join(entry.parentPath, entry.name), path.join(entry.parentPath, '_index.md'));
  }
}

/**
 * Whether cli.ts accepts --cache yet (another change adds it): asked with a content folder that
 * does not exist, so it stops at once either way; only an unknown option says no.
 */
export async function oursAcceptsCache(scratch: string): Promise<boolean> {
  const { command, args } = oursBuild(path.join(scratch, 'no-such-content'), path.join(scratch, 'probe-out'), path.join(scratch, 'probe-cache'));
  return run(command, args, { cwd: ROOT }).then(
    () => true,
    (error: { stderr?: string }) => !/Unknown option '--cache'/.test(error.stderr ?? ''),
  );
}
