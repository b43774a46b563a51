/**
 * Reuse of the last good output: a page is reusable only while its file is as the build left
 * it, the output is up to date only while no file was added, removed or changed, and reused
 * files are linked into the staging folder with their bytes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetRecord, linkFiles, readRecord, RECORD_VERSION, reusablePages, statFiles, untouched, upToDate, writeRecord, type OutputRecord } from '../../src/pipeline/reuse.ts';

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
    version: RECORD_VERSION,
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
    expect(linkFiles(out, staging, ['2021/03/a/index.html'])).toEqual(['2021/03/a/index.html']);
    expect(readFileSync(path.join(staging, '2021/03/a/index.html'), 'utf8')).toBe('<p>2021/03/a/index.html</p>');
    // The very file: the same inode, size and modification time, which is what lets statFiles take its recorded state.
    const [a, b] = [statSync(path.join(out, '2021/03/a/index.html')), statSync(path.join(staging, '2021/03/a/index.html'))];
    expect([b.ino, b.size, b.mtimeMs]).toEqual([a.ino, a.size, a.mtimeMs]);
  });

  it('copies a file it cannot link and leaves it out of those linked', () => {
    const { out } = output();
    const staging = path.join(tempDir(), 'staging');
    // A file already there refuses the link (EEXIST), as a file system without hard links would.
    mkdirSync(path.join(staging, '2021/03/b'), { recursive: true });
    writeFileSync(path.join(staging, '2021/03/b/index.html'), 'old');
    expect(linkFiles(out, staging, ['2021/03/a/index.html', '2021/03/b/index.html'])).toEqual(['2021/03/a/index.html']);
    expect(readFileSync(path.join(staging, '2021/03/b/index.html'), 'utf8')).toBe('<p>2021/03/b/index.html</p>');
  });
});

describe('statFiles', () => {
  it('records a linked file with its checked state, so that a change made to it during the build shows at the next one', () => {
    const { out, record } = output();
    const file = '2021/03/a/index.html';
    // Linked into a new output after the check; then changed by hand while the build runs.
    const staging = path.join(tempDir(), 'staging');
    linkFiles(out, staging, [file, 'index.html', '2021/03/b/index.html']);
    writeFileSync(path.join(out, file), '<p>changed while the build ran</p>');
    expect(readFileSync(path.join(staging, file), 'utf8')).toBe('<p>changed while the build ran</p>');
    // A plain stat would take the change as the build's own.
    expect(untouched({ ...record, outDir: staging, files: statFiles(staging) }, file)).toBe(true);
    const told = statFiles(staging, new Map([[file, record.files.get(file)!]]));
    expect(told.get(file)).toBe(record.files.get(file));
    expect(told.get('index.html')).toBe(statFiles(staging).get('index.html'));
    expect([...told.keys()].sort()).toEqual([...record.files.keys()].sort());
    expect(untouched({ ...record, outDir: staging, files: told }, file)).toBe(false);
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

  it('is not read when written in another layout (a search record without segments, from before they were kept)', async () => {
    const { out, record } = output();
    const cache = tempDir();
    await writeRecord(cache, { ...record, version: (RECORD_VERSION - 1) as typeof RECORD_VERSION });
    expect(readRecord(cache, out)).toBeUndefined();
  });
});
