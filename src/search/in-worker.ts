/**
 * Starts the search index in a worker thread (worker.ts), run from its bundle (src/cache/bundle.mjs):
 * a worker started through tsx's hooks would pay their start-up again.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundleFor } from '../cache/index.ts';
import type { IndexOptions, SearchIndexFiles, SearchSource } from './indexer.ts';

const WORKER_ENTRY = fileURLToPath(new URL('worker.ts', import.meta.url));

/** The index of `source`, built in a worker thread while this one goes on. */
export async function buildSearchIndexInWorker(source: SearchSource, options: IndexOptions = {}): Promise<SearchIndexFiles> {
  const worker = new Worker(await bundleFor(WORKER_ENTRY), { workerData: { source, options } });
  return new Promise((resolve, reject) => {
    worker.once('message', (index: SearchIndexFiles) => {
      resolve(index);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`搜索索引的工作线程意外退出（exit code ${code}）`)));
  });
}
