/**
 * The check of the last output (reuse.ts, `checkOutput`), in a worker thread started when a build
 * starts: one `stat` per file and folder of the record, about 0.26 s at 20,000 items, made beside
 * the validation of the content in the main thread. Run as JavaScript bundled from this file
 * (check-in-worker.ts), never through tsx.
 */
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { checkOutput, readRecord } from './reuse.ts';

const { cacheDir, outDir } = workerData as { cacheDir: string; outDir: string };
const record = readRecord(cacheDir, outDir);
parentPort!.postMessage(record && existsSync(outDir) ? checkOutput(record) : undefined);
