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
 *
 * A worker is started ahead of the step that needs it, and a step before that one may fail: its
 * failure is thrown where the answer is awaited, and never left as an unhandled rejection when
 * the answer is not awaited at all.
 */
export function workerAnswer<T>(entry: string, workerData: unknown, task: string): Promise<T> {
  const answer = bundleFor(entry).then(
    (bundle) =>
      new Promise<T>((resolve, reject) => {
        const worker = new Worker(bundle, { workerData });
        worker.once('message', (message: T) => {
          resolve(message);
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`${task}的工作线程意外退出（exit code ${code}）`)));
      }),
  );
  answer.catch(() => undefined);
  return answer;
}
