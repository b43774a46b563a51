/**
 * A bundled entry (bundleFor) run in a worker thread that answers once, by one message: the search
 * index's worker and the check of the last output. Bundled, not through tsx: a worker started
 * through a loader pays the loader's start-up again.
 */
import { Worker } from 'node:worker_threads';
import { bundleFor } from './bundle.mjs';

/**
 * The one message of a worker thread running `entry` (a TypeScript file of this checkout) with
 * `workerData`; `task` names its work when it exits without answering.
 */
export async function workerAnswer<T>(entry: string, workerData: unknown, task: string): Promise<T> {
  const worker = new Worker(await bundleFor(entry), { workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (answer: T) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${task}的工作线程意外退出（exit code ${code}）`)));
  });
}
