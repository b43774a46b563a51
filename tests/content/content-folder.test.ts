/** No file of content/ is left out without a word. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent, type LoadResult } from '../../src/content/load.ts';
import { formatDiagnostic } from '../../src/content/report.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import { clerkTree, goodItem } from '../helpers/clerk-tree.ts';
import { removeDir } from '../helpers/tree.ts';
import { PHOTO } from '../fixtures/images.ts';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map(removeDir)));

async function load(files: Record<string, string | Uint8Array>): Promise<LoadResult> {
  const tree = await clerkTree(files);
  roots.push(tree.root);
  return loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root });
}
const about = (result: LoadResult, file: string) => result.diagnostics.filter((d) => d.file === file);
const listing = (result: LoadResult) => result.diagnostics.map(formatDiagnostic).join('\n') || '(none)';

describe('files that are not read', () => {
  for (const [name, renamed] of [
    ['04-xiawo.md.txt', '04-xiawo.md'],
    ['04-xiawo.txt', '04-xiawo.md'],
    ['04-xiawo.markdown', '04-xiawo.md'],
    ['04-xiawo.MARKDOWN', '04-xiawo.md'],
  ]) {
    it(`refuses ${name} in an issue folder, with the name it should have`, async () => {
      const file = `content/2021/03/${name}`;
      const result = await load({ [file]: goodItem('峡窝镇项目建设') });
      expect(result.content).toBeUndefined();
      expect(about(result, file), listing(result)).toEqual([expect.objectContaining({ line: 1, column: 1, severity: 'error', message: expect.stringContaining(`改名为 ${renamed}`) })]);
    });
  }

  it('refuses a Word or WPS file, pointing to npm run import', async () => {
    for (const name of ['简报.docx', '简报.doc', '简报.wps']) {
      const file = `content/2021/03/${name}`;
      const result = await load({ [file]: 'PK' });
      expect(about(result, file)[0], listing(result)).toMatchObject({ severity: 'error', message: expect.stringContaining('npm run import') });
    }
  });

  it('warns about any other file no body names, and says nothing of one a body names', async () => {
    const named = 'content/2021/03/photo.jpg';
    const unnamed = 'content/2021/03/old.jpg';
    const result = await load({
      'content/2021/03/01-huiyi.md': `${goodItem('会议')}\n![现场照片](photo.jpg)\n`,
      [named]: PHOTO,
      [unnamed]: PHOTO,
    });
    expect(about(result, named), listing(result)).toEqual([]);
    expect(about(result, unnamed)).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('不会被读取') })]);
    expect(result.content).toBeDefined();
  });

  it('leaves dot files and the _data folder alone', async () => {
    const tree = await clerkTree({ 'content/2021/03/01-huiyi.md': goodItem('会议') });
    roots.push(tree.root);
    await writeFile(path.join(tree.content, '2021/03/.DS_Store'), 'x');
    await mkdir(path.join(tree.content, '_data/notes'), { recursive: true });
    await writeFile(path.join(tree.content, '_data/notes/readme.txt'), 'x');
    const result = await loadContent(tree.content, { findLinks: findBodyLinks, root: tree.root });
    expect(result.diagnostics).toEqual([]);
  });
});
