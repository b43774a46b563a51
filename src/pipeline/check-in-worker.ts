/**
 * Starts the check of the last output in a worker thread (output-check-worker.ts), from its bundle
 * (src/cache/bundle.mjs), as the search index's worker is started.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundleFor } from '../cache/index.ts';
import type { PreviousOutput } from './reuse.ts';

const WORKER_ENTRY = fileURLToPath(new URL('output-check-worker.ts', import.meta.url));

/**
 * The last output of `outDir` as it is now, when the cache holds its record; checked in a worker
 * thread while this one goes on. A build that stops before it needs the answer does not wait.
 */
export async function checkOutputInWorker(cacheDir: string, outDir: string): Promise<PreviousOutput | undefined> {
  const worker = new Worker(await bundleFor(WORKER_ENTRY), { workerData: { cacheDir, outDir } });
  worker.unref();
  return new Promise((resolve, reject) => {
    worker.once('message', (previous: PreviousOutput | undefined) => {
      resolve(previous);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`检查上次输出的工作线程意外退出（exit code ${code}）`)));
  });
}
