/**
 * The search index built in a worker thread, beside Eleventy's rendering in the main one. Run as
 * JavaScript bundled from this file (in-worker.ts), never through tsx: a worker started through a
 * loader pays the loader's start-up again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildSearchIndex, type IndexOptions, type SearchSource } from './indexer.ts';

const { source, options } = workerData as { source: SearchSource; options: IndexOptions };
parentPort!.postMessage(buildSearchIndex(source, options));
