/**
 * Starts the search index in a worker thread (worker.ts). The worker runs JavaScript bundled once
 * per version of the code (the hash of src/ and the lockfile), kept in the system's temporary
 * folder: any build of this code finds it there, and no build runs a bundle of other code.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { currentCodeVersion } from '../cache/index.ts';
import { replaceFile } from '../files/index.ts';
import type { IndexOptions, SearchIndexFiles, SearchSource } from './indexer.ts';

const WORKER_ENTRY = fileURLToPath(new URL('worker.ts', import.meta.url));
const STALE_MS = 7 * 24 * 3600 * 1000;

let bundled: Promise<string> | undefined;

/** The worker's script for the current code, bundled by esbuild the first time it is asked for. */
function workerScript(): Promise<string> {
  return (bundled ??= (async () => {
    const file = path.join(tmpdir(), 'bulletin-workers', `search-${currentCodeVersion()}.mjs`);
    if (existsSync(file)) return file;
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [WORKER_ENTRY],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // CommonJS dependencies bundled into an ES module call require() for Node's own modules.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      write: false,
      logLevel: 'silent',
      legalComments: 'none',
    });
    await mkdir(path.dirname(file), { recursive: true });
    await replaceFile(file, result.outputFiles[0]!.contents);
    // Another checkout of other code may be using its own bundle right now (two builds, or a build
    // beside `npm run dev`): only those not written for a week go.
    const folder = path.dirname(file);
    for (const other of readdirSync(folder)) {
      const written = other.startsWith('search-') && other !== path.basename(file) ? statSync(path.join(folder, other), { throwIfNoEntry: false })?.mtimeMs : undefined;
      const stale = written !== undefined && Date.now() - written > STALE_MS;
      if (stale) rmSync(path.join(folder, other), { force: true });
    }
    return file;
  })());
}

/** The index of `source`, built in a worker thread while this one goes on. */
export async function buildSearchIndexInWorker(source: SearchSource, options: IndexOptions = {}): Promise<SearchIndexFiles> {
  const worker = new Worker(await workerScript(), { workerData: { source, options } });
  return new Promise((resolve, reject) => {
    worker.once('message', (index: SearchIndexFiles) => {
      resolve(index);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`搜索索引的工作线程意外退出（exit code ${code}）`)));
  });
}
