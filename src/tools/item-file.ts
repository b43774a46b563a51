/**
 * New item files: where the next one of an issue goes (its name: content/slug.ts) and the write
 * that never overwrites (its text: content/item-text.ts).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { issuePlace, itemFileName, itemText, type ItemDraft } from '../content/index.ts';
import { isAlreadyThere, writeNewFile } from '../files/index.ts';

/** The next order number of a folder, and the URL segments its items already use. */
async function folderState(folder: string): Promise<{ next: number; taken: Set<string> }> {
  // A folder not made yet (a new week's issue) has no items.
  const names = (await readdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)))).filter((name) => name.toLowerCase().endsWith('.md') && name !== 'index.md');
  const { next, taken } = issuePlace(names);
  return { next, taken: new Set(taken) };
}

/** Where an item of `title` added to the issue folder now would be written (the folder may not exist yet). */
export async function nextItemFile(folder: string, title: string): Promise<string> {
  const { next, taken } = await folderState(folder);
  return path.join(folder, itemFileName(next, title, taken));
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
    const file = await nextItemFile(folder, item.title);
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
