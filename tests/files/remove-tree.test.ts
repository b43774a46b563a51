import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTree } from '../../src/files/remove-tree.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('removeTree', () => {
  it('removes a folder with nested folders and files, names with spaces and a leading dash included, and nothing beside it', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'remove-tree-'));
    dirs.push(parent);
    const dir = path.join(parent, '-out 旧');
    mkdirSync(path.join(dir, '2021', '03 期'), { recursive: true });
    writeFileSync(path.join(dir, '2021', '03 期', 'index.html'), 'x');
    writeFileSync(path.join(dir, '-f'), 'x');
    writeFileSync(path.join(parent, 'keep.txt'), 'x');
    await removeTree(dir);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(path.join(parent, 'keep.txt'))).toBe(true);
  });

  it('is done at once for a folder that is not there', async () => {
    await expect(removeTree(path.join(os.tmpdir(), 'never-made-remove-tree'))).resolves.toBeUndefined();
  });
});
