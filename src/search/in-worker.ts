/** Starts the search index in a worker thread (worker.ts), run from its bundle (src/cache/worker.ts). */
import { fileURLToPath } from 'node:url';
import { workerAnswer } from '../cache/index.ts';
import type { IndexOptions, SearchIndexFiles, SearchSource } from './indexer.ts';

const WORKER_ENTRY = fileURLToPath(new URL('worker.ts', import.meta.url));

/** The index of `source`, built in a worker thread while this one goes on. */
export function buildSearchIndexInWorker(source: SearchSource, options: IndexOptions = {}): Promise<SearchIndexFiles> {
  return workerAnswer(WORKER_ENTRY, { source, options }, '搜索索引');
}
