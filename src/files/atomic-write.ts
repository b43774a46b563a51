/**
 * Writes that a crash, a full disk or a killed process cannot leave half done. The bytes go to
 * a temporary file beside the target (same folder, same file system), are flushed to disk, and
 * only then take the target's name in one step: readers see the old file or the new one, never
 * a truncated one. Temporary names start with a dot, so the content loader never reads them.
 */
import { randomBytes } from 'node:crypto';
import { link, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

async function writeTemporary(file: string, data: string | Uint8Array): Promise<string> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temporary;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Replaces `file` (or creates it) with `data`. */
export async function replaceFile(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = await writeTemporary(file, data);
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Creates `file` with `data`; never overwrites. A hard link takes the name only if it is free
 * (`EEXIST` otherwise), which `rename` cannot promise, and still gives the name to a complete file.
 */
export async function writeNewFile(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = await writeTemporary(file, data);
  try {
    await link(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

export function isAlreadyThere(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EEXIST';
}
