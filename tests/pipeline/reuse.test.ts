/**
 * Reuse of the last good output: a page is reusable only while its file is as the build left
 * it, the output is up to date only while no file was added, removed or changed, and reused
 * files are linked into the staging folder with their bytes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetRecord, linkFiles, readRecord, reusablePages, statFiles, untouched, upToDate, writeRecord, type OutputRecord } from '../../src/pipeline/reuse.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reuse-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An output folder with two pages, and the record a build would have written for it. */
function output(): { out: string; record: OutputRecord } {
  const out = path.join(tempDir(), 'dist');
  for (const file of ['2021/03/a/index.html', '2021/03/b/index.html', 'index.html']) {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), `<p>${file}</p>`);
  }
  const record: OutputRecord = {
    outDir: out,
    pages: new Map([
      ['/2021/03/a/', 'fa'],
      ['/2021/03/b/', 'fb'],
    ]),
    search: undefined,
    site: 'site-fingerprint',
    files: statFiles(out),
    pageCount: 3,
  };
  return { out, record };
}

describe('reusablePages and untouched', () => {
  it('offer every recorded page while its file is as written, and drop one that was changed or removed', () => {
    const { out, record } = output();
    expect(reusablePages(record)).toEqual(new Map([['/2021/03/a/', 'fa'], ['/2021/03/b/', 'fb']]));
    writeFileSync(path.join(out, '2021/03/a/index.html'), '<p>edited by hand, longer</p>');
    rmSync(path.join(out, '2021/03/b/index.html'));
    expect(untouched(record, '2021/03/a/index.html')).toBe(false);
    expect(reusablePages(record)).toEqual(new Map());
    expect(reusablePages(undefined)).toEqual(new Map());
  });

  it('notice a file rewritten with the same size by its modification time', () => {
    const { out, record } = output();
    const file = path.join(out, 'index.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('index', 'INDEX'));
    utimesSync(file, new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(untouched(record, 'index.html')).toBe(false);
  });
});

describe('upToDate', () => {
  it('holds for the recorded site fingerprint and an output as left', () => {
    const { record } = output();
    expect(upToDate(record, 'site-fingerprint')).toBe(true);
    expect(upToDate(record, 'another site')).toBe(false);
  });

  it('fails once a file is added or the output is gone', () => {
    const { out, record } = output();
    writeFileSync(path.join(out, 'extra.html'), 'x');
    expect(upToDate(record, 'site-fingerprint')).toBe(false);
    rmSync(out, { recursive: true });
    expect(upToDate(record, 'site-fingerprint')).toBe(false);
  });
});

describe('linkFiles', () => {
  it('gives the staging folder the same bytes, folders made as needed', () => {
    const { out } = output();
    const staging = path.join(tempDir(), 'staging');
    linkFiles(out, staging, ['2021/03/a/index.html']);
    expect(readFileSync(path.join(staging, '2021/03/a/index.html'), 'utf8')).toBe('<p>2021/03/a/index.html</p>');
  });
});

describe('the record in the cache folder', () => {
  it('is read back for its own output folder only, and is gone once forgotten', async () => {
    const { out, record } = output();
    const cache = tempDir();
    await writeRecord(cache, record);
    expect(readRecord(cache, out)?.site).toBe('site-fingerprint');
    expect(readRecord(cache, path.join(out, 'elsewhere'))).toBeUndefined();
    await forgetRecord(cache, out);
    expect(readRecord(cache, out)).toBeUndefined();
  });
});
