/**
 * The bodies' photos and attachments into the output: an attachment copied byte for byte from
 * the content folder, an image's variants made once (images.ts) and hard-linked from the build
 * cache. Without a cache folder the variants are made in a temporary one, for this build alone.
 */
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupBy, type OutputFile } from '../site/index.ts';
import { fileOfPage } from './page-files.ts';
import { makeVariants, pruneVariants, variantName, variantsFolder, variantsIn } from './images.ts';
import type { Progress } from './progress.ts';

export interface PublishFilesOptions {
  contentDir: string;
  /** The folder the site is written to (a build's staging folder, the preview folder). */
  outDir: string;
  /** The build cache; variants are kept in it between builds. */
  cacheDir: string | undefined;
  /** Removes the cached variants no output uses any more (a build of the published site, not the preview). */
  prune: boolean;
  progress?: Progress;
}

/** Images processed at once: libvips spreads each over the cores too, and a 12-megapixel photo decodes to 36 MB. */
const AT_ONCE = 2;

/** `from` at `to` as a hard link (a copy across file systems), replacing what was there. */
export const placeFile = (from: string, to: string): void => {
  rmSync(to, { force: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
};

/** Writes every file of `files` (the site's `files`) into the output. */
export async function publishFiles(files: readonly OutputFile[], options: PublishFilesOptions): Promise<void> {
  const cacheDir = options.cacheDir ?? mkdtempSync(path.join(os.tmpdir(), 'bulletin-images-'));
  try {
    for (const folder of new Set(files.map((file) => path.dirname(path.join(options.outDir, fileOfPage(file.url)))))) mkdirSync(folder, { recursive: true });
    const images = [...groupBy(files.filter((file) => file.image), (file) => file.hash)];
    for (const file of files) if (!file.image) placeFile(path.join(options.contentDir, file.source), path.join(options.outDir, fileOfPage(file.url)));
    let done = 0;
    const queue = images.slice();
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [hash, outputs] = next;
        const folder = variantsFolder(cacheDir, hash);
        await makeVariants(path.join(options.contentDir, outputs[0]!.source), outputs, folder, variantsIn(folder));
        for (const output of outputs) placeFile(path.join(folder, variantName(output.image!)), path.join(options.outDir, fileOfPage(output.url)));
        options.progress?.update('正在处理图片', ++done, images.length);
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
    if (options.prune && options.cacheDir) pruneVariants(options.cacheDir, new Set(images.map(([hash]) => hash)));
  } finally {
    if (!options.cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  }
}
