/** The worker thread of renderAll (batch.ts): renders the bodies it is given, in order, and answers with them. */
import { parentPort, workerData } from 'node:worker_threads';
import { renderMarkdown, type RenderJob } from './render.ts';

parentPort!.postMessage((workerData as RenderJob[]).map((job) => renderMarkdown(job.source, job)));
