/**
 * Reuse of the last good output: a page is reusable only while its file is as the build left
 * it, the output is up to date only while no file was added, removed or changed, files wanted
 * under another name are linked into the staging folder with their bytes, and the record after an
 * in-place commit says what the output holds.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkOutput,
  forgetRecord,
  linkFiles,
  readRecord,
  RECORD_VERSION,
  reusablePages,
  statesAfterCommit,
  treeStates,
  untouched,
  upToDate,
  writeRecord,
} from '../../src/pipeline/reuse.ts';
import { recordedOutput } from '../helpers/output.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reuse-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const output = () => recordedOutput(tempDir());

describe('reusablePages and untouched', () => {
  it('offer every recorded page while its file is as written, and drop one that was changed or removed', () => {
    const { out, record } = output();
    expect(reusablePages(checkOutput(record))).toEqual(new Map([['/2021/03/a/', 'fa'], ['/2021/03/b/', 'fb']]));
    writeFileSync(path.join(out, '2021/03/a/index.html'), '<p>edited by hand, longer</p>');
    rmSync(path.join(out, '2021/03/b/index.html'));
    const now = checkOutput(record);
    expect(untouched(now, '2021/03/a/index.html')).toBe(false);
    expect(untouched(now, 'index.html')).toBe(true);
    expect(untouched(now, 'never-written.html')).toBe(false);
    expect(reusablePages(now)).toEqual(new Map());
    expect(reusablePages(undefined)).toEqual(new Map());
  });

  it('notice a file rewritten with the same size by its modification time', () => {
    const { out, record } = output();
    const file = path.join(out, 'index.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('index', 'INDEX'));
    utimesSync(file, new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(untouched(checkOutput(record), 'index.html')).toBe(false);
  });
});

describe('checkOutput', () => {
  it('finds what was added by hand in any folder, files and whole folders, and nothing else', () => {
    const { out, record } = output();
    expect(checkOutput(record).strays).toEqual([]);
    writeFileSync(path.join(out, 'extra.html'), 'x');
    writeFileSync(path.join(out, '2021/03/a/notes.txt'), 'x');
    mkdirSync(path.join(out, '2021/03/c/deep'), { recursive: true });
    writeFileSync(path.join(out, '2021/03/c/deep/index.html'), 'x');
    const { strays, changed, changedFolders } = checkOutput(record);
    expect([...strays].sort()).toEqual(['2021/03/a/notes.txt', '2021/03/c', 'extra.html']);
    expect(changed).toEqual(new Set());
    expect(changedFolders).toEqual(new Set(['', '2021/03', '2021/03/a']));
  });

  it('takes a file put where a folder was for a stray, and a folder gone for changed', () => {
    const { out, record } = output();
    rmSync(path.join(out, '2021/03/a'), { recursive: true });
    writeFileSync(path.join(out, '2021/03/a'), 'a file now');
    rmSync(path.join(out, '2021/03/b'), { recursive: true });
    const { strays, changed, changedFolders } = checkOutput(record);
    expect(strays).toEqual(['2021/03/a']);
    expect(changed).toEqual(new Set(['2021/03/a/index.html', '2021/03/b/index.html']));
    expect(changedFolders).toEqual(new Set(['2021/03', '2021/03/a', '2021/03/b']));
  });
});

describe('upToDate', () => {
  it('holds for the recorded site fingerprint and an output as left', () => {
    const { record } = output();
    expect(upToDate(checkOutput(record), 'site-fingerprint')).toBe(true);
    expect(upToDate(checkOutput(record), 'another site')).toBe(false);
  });

  it('fails once a file is added, even deep down, or removed, or the output is gone', () => {
    const { out, record } = output();
    writeFileSync(path.join(out, '2021/03/b/extra.html'), 'x');
    expect(upToDate(checkOutput(record), 'site-fingerprint')).toBe(false);
    rmSync(path.join(out, '2021/03/b/extra.html'));
    rmSync(path.join(out, 'index.html'));
    expect(upToDate(checkOutput(record), 'site-fingerprint')).toBe(false);
    rmSync(out, { recursive: true });
    expect(upToDate(checkOutput(record), 'site-fingerprint')).toBe(false);
  });
});

describe('linkFiles', () => {
  it('gives the staging folder the same bytes under the names asked, folders made as needed', () => {
    const { out } = output();
    const staging = path.join(tempDir(), 'staging');
    expect(linkFiles(out, staging, new Map([['search/x/1.bin', '2021/03/a/index.html']]))).toEqual(['search/x/1.bin']);
    expect(readFileSync(path.join(staging, 'search/x/1.bin'), 'utf8')).toBe('<p>2021/03/a/index.html</p>');
    // The very file: the same inode, size and modification time, which is what lets treeStates take its recorded state.
    const [a, b] = [statSync(path.join(out, '2021/03/a/index.html')), statSync(path.join(staging, 'search/x/1.bin'))];
    expect([b.ino, b.size, b.mtimeMs]).toEqual([a.ino, a.size, a.mtimeMs]);
  });

  it('copies a file it cannot link and leaves it out of those linked', () => {
    const { out } = output();
    const staging = path.join(tempDir(), 'staging');
    // A file already there refuses the link (EEXIST), as a file system without hard links would.
    mkdirSync(path.join(staging, 'b'), { recursive: true });
    writeFileSync(path.join(staging, 'b/index.html'), 'old');
    const files = new Map([
      ['a/index.html', '2021/03/a/index.html'],
      ['b/index.html', '2021/03/b/index.html'],
    ]);
    expect(linkFiles(out, staging, files)).toEqual(['a/index.html']);
    expect(readFileSync(path.join(staging, 'b/index.html'), 'utf8')).toBe('<p>2021/03/b/index.html</p>');
  });
});

describe('treeStates', () => {
  it('gives every file and folder, the output itself as the empty path', () => {
    const { out } = output();
    const { files, folders } = treeStates(out);
    expect([...files.keys()]).toEqual(['2021/03/a/index.html', '2021/03/b/index.html', 'index.html']);
    expect([...folders.keys()].sort()).toEqual(['', '2021', '2021/03', '2021/03/a', '2021/03/b']);
    const { size, mtimeMs } = statSync(path.join(out, '2021/03'));
    expect(folders.get('2021/03')).toBe(`${size}:${mtimeMs}`);
  });

  it('records a linked file with its checked state, so that a change made to it during the build shows at the next one', () => {
    const { out, record } = output();
    const file = '2021/03/a/index.html';
    // Linked into a new output after the check; then changed by hand while the build runs.
    const staging = path.join(tempDir(), 'staging');
    linkFiles(out, staging, new Map([[file, file], ['index.html', 'index.html']]));
    writeFileSync(path.join(out, file), '<p>changed while the build ran</p>');
    expect(readFileSync(path.join(staging, file), 'utf8')).toBe('<p>changed while the build ran</p>');
    // A plain stat would take the change as the build's own.
    expect(untouched(checkOutput({ ...record, outDir: staging, ...treeStates(staging) }), file)).toBe(true);
    const told = treeStates(staging, new Map([[file, record.files.get(file)!]])).files;
    expect(told.get(file)).toBe(record.files.get(file));
    expect(told.get('index.html')).toBe(treeStates(staging).files.get('index.html'));
    expect(untouched(checkOutput({ ...record, outDir: staging, files: told, folders: new Map() }), file)).toBe(false);
  });
});

describe('statesAfterCommit', () => {
  it('keeps the checked state of the files kept, takes the staged ones, drops the rest; stats the folders touched and those that had changed', () => {
    const { out, record } = output();
    const before = checkOutput(record);
    // As a commit would leave it: b removed with its folder, a new page c, index.html replaced.
    rmSync(path.join(out, '2021/03/b'), { recursive: true });
    mkdirSync(path.join(out, '2021/03/c'));
    writeFileSync(path.join(out, '2021/03/c/index.html'), 'c');
    writeFileSync(path.join(out, 'index.html'), 'new index');
    const staged = new Map([
      ['2021/03/c/index.html', 'staged-c'],
      ['index.html', 'staged-index'],
    ]);
    const { files, folders } = statesAfterCommit(before, new Set(['2021/03/a/index.html']), staged, new Set(['', '2021', '2021/03', '2021/03/b', '2021/03/c']));
    expect(files).toEqual(new Map([['2021/03/a/index.html', record.files.get('2021/03/a/index.html')!], ...staged]));
    expect([...folders.keys()].sort()).toEqual(['', '2021', '2021/03', '2021/03/a', '2021/03/c']);
    // The record they make reads the output as the commit left it: nothing strays, nothing changed.
    const after = { ...record, files: treeStates(out).files, folders };
    expect(checkOutput(after)).toMatchObject({ strays: [], changed: new Set(), changedFolders: new Set() });
    // Not touched, not changed: its recorded state, so that a file added now shows next time.
    writeFileSync(path.join(out, '2021/03/a/notes.txt'), 'x');
    expect(statesAfterCommit(before, new Set(), new Map(), new Set()).folders.get('2021/03/a')).toBe(record.folders.get('2021/03/a'));
    expect(checkOutput(after).strays).toEqual(['2021/03/a/notes.txt']);
    // Seen changed at the check: stat-ed again.
    const changedBefore = { ...before, changedFolders: new Set(['2021/03/a']) };
    expect(statesAfterCommit(changedBefore, new Set(), new Map(), new Set()).folders.get('2021/03/a')).not.toBe(record.folders.get('2021/03/a'));
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
