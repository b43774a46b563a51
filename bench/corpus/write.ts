/**
 * The synthetic corpus as files, the way clerks commit them: `_data/` copied from the sample
 * content, then `YYYY/NN/index.md` and one Markdown file per item with its front-matter.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.ts';
import { corpusPhoto } from './photos.ts';

const SAMPLE_DATA = fileURLToPath(new URL('../../content/_data/', import.meta.url));

export interface CorpusOptions {
  /** Every this many items, one shows a 4000 × 3000 phone photo beside it (bench/corpus/photos.ts); none unless given. */
  photoEvery?: number;
}

/** Writes N items under `dir` (which should be new or empty); returns the number of photos written. */
export async function writeCorpus(dir: string, n: number, options: CorpusOptions = {}): Promise<number> {
  const corpus = generateCorpus(n);
  await cp(SAMPLE_DATA, path.join(dir, '_data'), { recursive: true });
  for (const { key, date } of corpus.issues) {
    await mkdir(path.join(dir, key), { recursive: true });
    await writeFile(path.join(dir, key, 'index.md'), `---\ndate: ${date}\n---\n`);
  }
  let photos = 0;
  for (const [i, item] of corpus.items.entries()) {
    const frontMatter = `---\ntitle: ${item.title}\ndate: ${item.date}\nunit: ${item.unit}\ncategory: ${item.category}\n---\n`;
    let body = item.body;
    if (options.photoEvery && i % options.photoEvery === 0) {
      const name = `现场照片-${++photos}.jpg`;
      await writeFile(path.join(dir, item.issue, name), await corpusPhoto(photos));
      body += `\n\n![${item.unit}工作现场](${name})`;
    }
    await writeFile(path.join(dir, item.issue, item.fileName), `${frontMatter}\n${body}\n`);
  }
  return photos;
}
