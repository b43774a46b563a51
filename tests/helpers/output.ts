/** A last output as a build leaves it, for tests of its reuse: two pages and a home page, and their record. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RECORD_VERSION, treeStates, type OutputRecord } from '../../src/pipeline/reuse.ts';

/** The output folder `dir/dist` with two pages, and the record a build would have written for it. */
export function recordedOutput(dir: string): { out: string; record: OutputRecord } {
  const out = path.join(dir, 'dist');
  for (const file of ['2021/03/a/index.html', '2021/03/b/index.html', 'index.html']) {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), `<p>${file}</p>`);
  }
  const record: OutputRecord = {
    version: RECORD_VERSION,
    outDir: out,
    pages: new Map([
      ['/2021/03/a/', 'fa'],
      ['/2021/03/b/', 'fb'],
    ]),
    search: undefined,
    site: 'site-fingerprint',
    ...treeStates(out),
    pageCount: 3,
  };
  return { out, record };
}
