/** Starts the check of the last output in a worker thread (output-check-worker.ts), run from its bundle (src/cache/worker.ts). */
import { fileURLToPath } from 'node:url';
import { workerAnswer } from '../cache/index.ts';
import type { PreviousOutput } from './reuse.ts';

const WORKER_ENTRY = fileURLToPath(new URL('output-check-worker.ts', import.meta.url));

/**
 * The last output of `outDir` as it is now, when the cache holds its record; checked in a worker
 * thread while this one goes on. A build that stops before it needs the answer exits once the
 * worker is done (its stats take a fraction of the validation it runs beside).
 */
export function checkOutputInWorker(cacheDir: string, outDir: string): Promise<PreviousOutput | undefined> {
  return workerAnswer(WORKER_ENTRY, { cacheDir, outDir }, '检查上次输出');
}
