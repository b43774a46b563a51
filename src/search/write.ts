/**
 * Writes the search index and the client into `<outDir>/search/`, beside the search page that
 * Eleventy rendered there. Called by the build on its staging folder, before the swap, with the
 * index it started in a worker before Eleventy began; the build links the segments it kept.
 */
import { existsSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentCodeVersion, readCached, removeOtherVersions, versionedName, writeVersioned } from '../cache/index.ts';
import type { Site } from '../site/index.ts';
import { buildSearchIndex, searchSource, type IndexOptions, type SearchIndexFiles } from './indexer.ts';
import { buildSearchIndexInWorker } from './in-worker.ts';
import { gb2312Readings, wholeReadings } from './pinyin.ts';

export const CLIENT_ENTRY = fileURLToPath(new URL('client/main.ts', import.meta.url));

/** The browser client as one minified ES module for evergreen browsers. */
export async function bundleClient(): Promise<Uint8Array> {
  // Imported here: a build that reuses the last index never starts esbuild.
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    format: 'esm',
    minify: true,
    target: ['es2022'],
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return result.outputFiles[0]!.contents;
}

/** Thousands of small files, one after another: as fast as parallel asynchronous writes (measured), and simpler. */
function writeAll(dir: string, files: Map<string, Uint8Array>): void {
  for (const folder of new Set([...files.keys()].map((name) => path.dirname(path.join(dir, name))))) mkdirSync(folder, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(path.join(dir, name), bytes);
}

/** The code's version goes into every entry's key: a body's text stands in by its render key (entryKey). */
const salted = (options: IndexOptions = {}): IndexOptions => ({ ...options, salt: currentCodeVersion() });

/** GB 2312's readings in the build cache, for the index (IndexOptions.readings), named by the code's version, which covers pinyin-pro's. */
export const readingsIn = (cacheDir: string): { dir: string; name: string } => ({ dir: cacheDir, name: versionedName('pinyin') });

/**
 * Keeps GB 2312's readings in the build cache for the next builds' index workers, when it has no
 * whole copy for this version of the code (made here once a version: 0.1 s), and removes other versions'.
 */
export async function saveReadings(cacheDir: string): Promise<void> {
  const { name } = readingsIn(cacheDir);
  if (wholeReadings(readCached(cacheDir, name))) await removeOtherVersions(cacheDir, 'pinyin', [name]);
  else await writeVersioned(cacheDir, 'pinyin', gb2312Readings());
}

/** The index of `site`, started now in a worker thread, to hand to `writeSearchIndex` later. */
export const startSearchIndex = (site: Site, options: IndexOptions = {}): Promise<SearchIndexFiles> => buildSearchIndexInWorker(searchSource(site), salted(options));

/**
 * For an index written over the last one in place (`npm run dev`), whose kept segments are already
 * there: links the files it takes from the last one's (`linked`), then removes from
 * `<outDir>/search/` the folders its manifest does not name.
 */
export async function replaceInPlace(outDir: string, index: SearchIndexFiles): Promise<void> {
  const dir = path.join(outDir, 'search');
  for (const [file, from] of index.linked) {
    // A file of the same name there is the same entry (its folder is named by its entries' keys).
    if (file !== from && !existsSync(path.join(dir, file))) linkSync(path.join(dir, from), path.join(dir, file));
  }
  const { manifest } = index;
  const listed = new Set([...manifest.segments.map((segment) => segment.parts), manifest.pinyin].map((folder) => folder.replace(/\/$/, '')));
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !listed.has(entry.name)) await rm(path.join(dir, entry.name), { recursive: true, force: true });
  }
}

/**
 * The client, from the build cache when it holds this version of the code's (the name covers the
 * client's sources and esbuild's version), else bundled and kept there: importing and running
 * esbuild took a merge 50–70 ms, most of it after the index was ready.
 */
export async function searchClient(cacheDir: string | undefined): Promise<Uint8Array> {
  const kept = readCached(cacheDir, versionedName('search-client'));
  if (kept instanceof Uint8Array) return kept;
  const client = await bundleClient();
  if (cacheDir) await writeVersioned(cacheDir, 'search-client', client);
  return client;
}

/** Writes the index `started` in a worker, or builds it here, now, with `options`; the client from `cacheDir` when it has it. */
export async function writeSearchIndex(
  site: Site,
  outDir: string,
  how: { started?: Promise<SearchIndexFiles>; options?: IndexOptions; cacheDir?: string | undefined } = {},
): Promise<SearchIndexFiles> {
  const client = searchClient(how.cacheDir); // esbuild, when it runs, works in its own process meanwhile
  const index = how.started ? await how.started : buildSearchIndex(site, salted(how.options));
  index.files.set('search.js', await client);
  writeAll(path.join(outDir, 'search'), index.files);
  return index;
}
