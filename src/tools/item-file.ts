/**
 * New item files: their name (order number and a few words of the title's pinyin), their text,
 * and the write that never overwrites.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Document } from 'yaml';
import { fileOrder, fileSlug, FILL_IN_MARK, toSlug } from '../content/index.ts';
import { isAlreadyThere, writeNewFile } from '../files/index.ts';

export interface ItemDraft {
  title: string;
  date: string;
  /** Canonical unit name; undefined for the editing office's own item. */
  unit: string | undefined;
  category: string;
  /** Markdown; paragraphs separated by a blank line. */
  body: string;
}

/** Long enough to tell items apart, short enough for a readable URL: about six syllables. */
const SLUG_LENGTH = 30;

/**
 * `NN-pinyin.md`, where the pinyin is the start of the title's, lengthened (then numbered) until
 * no other file of the issue has that URL segment.
 */
export function itemFileName(order: number, title: string, taken: ReadonlySet<string>): string {
  const words = toSlug(title).split('-').filter((word) => word !== '');
  if (words.length === 0) words.push('xinxi');
  let count = 1;
  while (count < words.length && words.slice(0, count + 1).join('-').length <= SLUG_LENGTH) count++;
  let slug = words.slice(0, count).join('-');
  while (taken.has(slug) && count < words.length) slug = words.slice(0, ++count).join('-');
  for (let n = 2; taken.has(slug); n++) slug = `${words.slice(0, count).join('-')}-${n}`;
  return `${String(order).padStart(2, '0')}-${slug}.md`;
}

/** Front-matter in the order of the README's table, then the body. */
export function itemText(item: ItemDraft): string {
  const fields = new Document({
    title: item.title,
    date: item.date,
    ...(item.unit === undefined ? {} : { unit: item.unit }),
    category: item.category,
  });
  for (const key of ['date', 'category']) {
    const node = fields.get(key, true) as { value: unknown; comment?: string } | undefined;
    if (node?.value === FILL_IN_MARK) node.comment = key === 'date' ? ' 年-月-日，如 2021-01-23' : ' 从 content/_data/categories.yaml 中选一个栏目';
  }
  return `---\n${fields.toString()}---\n\n${item.body.trim()}\n`;
}

/** The next order number of a folder, and the URL segments its items already use. */
async function folderState(folder: string): Promise<{ next: number; taken: Set<string> }> {
  const names = (await readdir(folder)).filter((name) => name.toLowerCase().endsWith('.md') && name !== 'index.md');
  const orders = names.map((name) => fileOrder(name) ?? 0);
  return { next: Math.max(0, ...orders) + 1, taken: new Set(names.map(fileSlug)) };
}

/** In a draft's body, where the name of an image written beside it goes: `![…](${IMAGE_NAME}1.png)`. */
export const IMAGE_NAME = '{{图片}}';

/**
 * Writes `item` as the last item of the issue folder; returns its path. Its `images` (name →
 * bytes) are written beside it as `<item file name>-<name>`, and the body names them so.
 */
export async function addItem(folder: string, item: ItemDraft, images: ReadonlyMap<string, Uint8Array> = new Map()): Promise<string> {
  // Another clerk may take the name between the look and the write: look again.
  for (let attempt = 0; ; attempt++) {
    const { next, taken } = await folderState(folder);
    const file = path.join(folder, itemFileName(next, item.title, taken));
    const stem = path.basename(file, '.md');
    try {
      for (const [name, bytes] of images) await writeNewFile(path.join(folder, `${stem}-${name}`), bytes);
      await writeNewFile(file, itemText({ ...item, body: item.body.replaceAll(IMAGE_NAME, `${stem}-`) }));
      return file;
    } catch (error) {
      if (!isAlreadyThere(error) || attempt >= 5) throw error;
    }
  }
}
