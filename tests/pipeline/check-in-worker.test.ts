/**
 * The check of the last output made in a worker thread, from the bundled worker script, finds what
 * the check in this thread finds: the record as written, files changed, folders changed, strays.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOutputInWorker } from '../../src/pipeline/check-in-worker.ts';
import { checkOutput, writeRecord } from '../../src/pipeline/reuse.ts';
import { recordedOutput } from '../helpers/output.ts';
import { removeDir, tempDir } from '../integration/support.ts';

const dirs: string[] = [];
afterEach(() => Promise.all(dirs.splice(0).map(removeDir)));

describe('checkOutputInWorker', () => {
  it('finds what checkOutput finds in this thread, the record included', async () => {
    const dir = await tempDir('check-worker');
    dirs.push(dir);
    const { out, record } = recordedOutput(dir);
    const cache = path.join(dir, 'cache');
    await writeRecord(cache, record);
    // A page rewritten, one removed, a file added by hand.
    writeFileSync(path.join(out, '2021/03/a/index.html'), '<p>edited by hand, longer</p>');
    rmSync(path.join(out, '2021/03/b'), { recursive: true });
    writeFileSync(path.join(out, 'notes.txt'), 'x');

    const previous = await checkOutputInWorker(cache, out);
    expect(previous).toEqual(checkOutput(record));
    expect(previous!.changed).toEqual(new Set(['2021/03/a/index.html', '2021/03/b/index.html']));
    expect(previous!.strays).toEqual(['notes.txt']);
    expect(previous!.record.pages).toEqual(record.pages);
  });

  it('gives nothing without a record, or when the output is gone', async () => {
    const dir = await tempDir('check-worker');
    dirs.push(dir);
    const { out, record } = recordedOutput(dir);
    const cache = path.join(dir, 'cache');
    expect(await checkOutputInWorker(cache, out)).toBeUndefined();
    await writeRecord(cache, record);
    rmSync(out, { recursive: true });
    expect(await checkOutputInWorker(cache, out)).toBeUndefined();
  });
});
