/**
 * `npm run check -- --fix-encoding`: rewrites every content file saved in another encoding
 * (GB18030/GBK, UTF-16) as UTF-8, atomically. Only what the file says changes hands: a file is
 * converted when decoding it loses nothing, and left alone otherwise.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeAs, decodeUtf8, detectEncoding, looksBinary, MAX_FILE_BYTES } from '../content/index.ts';
import { replaceFile, walkTree } from '../files/index.ts';

export interface EncodingFix {
  /** Absolute path. */
  file: string;
  /** The encoding it was in; undefined when it could not be told, and the file was left alone. */
  encoding: string | undefined;
}

const TEXT_FILE = /\.(md|ya?ml)$/i;

/** Regular text files of the content folder; symlinks are not followed (check reports them). */
function textFiles(dir: string): string[] {
  return walkTree(dir, ({ entry }) => entry.name.startsWith('.'))
    .filter(({ entry }) => entry.isFile() && TEXT_FILE.test(entry.name))
    .map((found) => path.join(dir, found.path))
    .sort();
}

export async function fixEncoding(contentDir: string): Promise<EncodingFix[]> {
  const fixes: EncodingFix[] = [];
  for (const file of textFiles(contentDir)) {
    const bytes = await readFile(file);
    if (bytes.length > MAX_FILE_BYTES || looksBinary(bytes) || decodeUtf8(bytes) !== undefined) continue;
    const encoding = detectEncoding(bytes);
    if (encoding) await replaceFile(file, decodeAs(bytes, encoding));
    fixes.push({ file, encoding });
  }
  return fixes;
}
