/** The cache's files: a value comes back as written; a missing or broken file reads as nothing. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCached, removeCached, removeOtherVersions, writeCached } from '../../src/cache/store.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the cache store', () => {
  it('reads back maps and nested values as written, creating the folder', async () => {
    const dir = path.join(tempDir(), 'cache');
    const value = { pages: new Map([['/a/', { fingerprint: 'x' }]]), list: [1, 2] };
    await writeCached(dir, 'v.bin', value);
    expect(readCached(dir, 'v.bin')).toEqual(value);
  });

  it('reads nothing without a folder, for a missing file, or for a file that is not a cache value', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'broken.bin'), 'not v8');
    expect(readCached(undefined, 'v.bin')).toBeUndefined();
    expect(readCached(dir, 'missing.bin')).toBeUndefined();
    expect(readCached(dir, 'broken.bin')).toBeUndefined();
  });

  it('removes the files and folders of other versions of a kind, and keeps the rest', async () => {
    const dir = tempDir();
    await writeCached(dir, 'markdown-old.bin', 1);
    mkdirSync(path.join(dir, 'markdown-old2'));
    await writeCached(dir, 'load-old.bin', 2);
    // The single file an earlier layout of the same version wrote goes too.
    await writeCached(dir, 'markdown-new.bin', 3);
    mkdirSync(path.join(dir, 'markdown-new'));
    await removeOtherVersions(dir, 'markdown', ['markdown-new']);
    expect(readdirSync(dir).sort()).toEqual(['load-old.bin', 'markdown-new']);
    await removeCached(dir, 'load-old.bin');
    await removeCached(dir, 'never-written.bin');
    expect(readdirSync(dir).sort()).toEqual(['markdown-new']);
  });
});
