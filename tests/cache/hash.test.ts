/** The hashes that version caches: a change to any file's name or bytes, or to the options, gives another. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentCodeVersion, hashTree, outputSalt } from '../../src/cache/hash.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hash-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('hashTree', () => {
  it('is the same for the same names and bytes, and changes with either', () => {
    const a = hashTree(folder({ 'a.njk': 'x', 'b.css': 'y' }));
    expect(hashTree(folder({ 'b.css': 'y', 'a.njk': 'x' }))).toBe(a);
    expect(hashTree(folder({ 'a.njk': 'x', 'b.css': 'z' }))).not.toBe(a);
    expect(hashTree(folder({ 'a.njk': 'x', 'c.css': 'y' }))).not.toBe(a);
  });

  it('leaves out the files `include` refuses', () => {
    expect(hashTree(folder({ 'a.ts': 'x', 'notes.md': '1' }), (f) => f.endsWith('.ts'))).toBe(hashTree(folder({ 'a.ts': 'x', 'notes.md': '2' }), (f) => f.endsWith('.ts')));
  });
});

describe('outputSalt', () => {
  it('carries the layouts, the code version and the options', () => {
    const layouts = folder({ 'base.njk': '<html>' });
    const salt = outputSalt(layouts, [{ pathPrefix: '/' }, false]);
    expect(salt).toContain(currentCodeVersion());
    expect(outputSalt(layouts, [{ pathPrefix: '/bulletin/' }, false])).not.toBe(salt);
    expect(outputSalt(folder({ 'base.njk': '<html lang="zh-CN">' }), [{ pathPrefix: '/' }, false])).not.toBe(salt);
  });
});
