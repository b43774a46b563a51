/**
 * The synthetic corpus as files, the way clerks commit them: `_data/` copied from the sample
 * content, then `YYYY/NN/index.md` and one Markdown file per item with its front-matter.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.ts';

const SAMPLE_DATA = fileURLToPath(new URL('../../content/_data/', import.meta.url));

/** Writes N items under `dir` (which should be new or empty); returns the number of item files. */
export async function writeCorpus(dir: string, n: number): Promise<number> {
  const corpus = generateCorpus(n);
  await cp(SAMPLE_DATA, path.join(dir, '_data'), { recursive: true });
  for (const { key, date } of corpus.issues) {
    await mkdir(path.join(dir, key), { recursive: true });
    await writeFile(path.join(dir, key, 'index.md'), `---\ndate: ${date}\n---\n`);
  }
  for (const item of corpus.items) {
    const frontMatter = `---\ntitle: ${item.title}\ndate: ${item.date}\nunit: ${item.unit}\ncategory: ${item.category}\n---\n`;
    await writeFile(path.join(dir, item.issue, item.fileName), `${frontMatter}\n${item.body}\n`);
  }
  return corpus.items.length;
}
