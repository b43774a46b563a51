/**
 * `npm run check -- --fix-encoding`: rewrites every content file saved in another encoding
 * (GB18030/GBK, UTF-16) as UTF-8, atomically. Only what the file says changes hands: a file is
 * converted when decoding it loses nothing, and left alone otherwise.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeAs, decodeUtf8, detectEncoding, looksBinary } from '../content/encoding.ts';
import { MAX_FILE_BYTES } from '../content/read-file.ts';
import { replaceFile } from '../files/atomic-write.ts';

export interface EncodingFix {
  /** Absolute path. */
  file: string;
  /** The encoding it was in; undefined when it could not be told, and the file was left alone. */
  encoding: string | undefined;
}

const TEXT_FILE = /\.(md|ya?ml)$/i;

/** Regular text files of the content folder; symlinks are not followed (check reports them). */
async function textFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await textFiles(file)));
    else if (entry.isFile() && TEXT_FILE.test(entry.name)) files.push(file);
  }
  return files.sort();
}

export async function fixEncoding(contentDir: string): Promise<EncodingFix[]> {
  const fixes: EncodingFix[] = [];
  for (const file of await textFiles(contentDir)) {
    const bytes = await readFile(file);
    if (bytes.length > MAX_FILE_BYTES || looksBinary(bytes) || decodeUtf8(bytes) !== undefined) continue;
    const encoding = detectEncoding(bytes);
    if (encoding) await replaceFile(file, decodeAs(bytes, encoding));
    fixes.push({ file, encoding });
  }
  return fixes;
}
