/** The one folder walk: depth first in name order, skipping what it is told to, files listed sorted. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listTree, walkTree } from '../../src/files/tree.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tree-'));
  dirs.push(dir);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), file);
  }
  return dir;
}

describe('walkTree', () => {
  it('lists folders before their entries, each folder in name order', () => {
    const dir = tree(['b.md', 'a/2.md', 'a/1.md', 'a.md']);
    expect(walkTree(dir).map((entry) => entry.path)).toEqual(['a', 'a/1.md', 'a/2.md', 'a.md', 'b.md']);
  });

  it('neither lists nor enters what `skip` refuses', () => {
    const dir = tree(['.git/config', '_data/site.yaml', 'x/_y.md', 'x/z.md']);
    const skipped = walkTree(dir, ({ path: p, entry }) => entry.name.startsWith('.') || (!p.includes('/') && entry.name.startsWith('_')));
    expect(skipped.map((entry) => entry.path)).toEqual(['x', 'x/_y.md', 'x/z.md']);
  });

  it('does not follow a symbolic link to a folder', () => {
    const dir = tree(['real/a.md']);
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'linked'));
    const entries = walkTree(dir);
    expect(entries.map((entry) => entry.path)).toEqual(['linked', 'real', 'real/a.md']);
    expect(entries[0]!.entry.isSymbolicLink()).toBe(true);
  });
});

describe('listTree', () => {
  it('lists every file, relative with /, sorted as strings', () => {
    const dir = tree(['b.md', 'a/2.md', 'a.md']);
    expect(listTree(dir)).toEqual(['a.md', 'a/2.md', 'b.md']);
  });
});
