/**
 * Makes the published widths of a body's images with sharp (libvips), directly rather than
 * through @11ty/eleventy-img: the variants are planned by the site structure (src/site/files.ts)
 * and kept in the build cache by the source's content hash, which outlives any one output folder,
 * so an unchanged photo is never processed twice, in CI as on a clerk's machine.
 *
 * Each image is decoded once, turned upright by its EXIF orientation and brought down to the
 * largest width; every variant is made from that. sharp writes no metadata unless asked: no GPS
 * position, camera or owner reaches the site. Colour is converted to sRGB, as browsers assume.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashTree } from '../cache/index.ts';
import { IMAGE_FAIL_ON } from '../content/index.ts';
import { replaceFile } from '../files/index.ts';
import type { ImageFormat, OutputFile } from '../site/index.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Encoder settings: good enough for photos of meetings and street work, a third of the bytes of the defaults at 2×. */
const ENCODE = {
  jpeg: { quality: 80, progressive: true },
  webp: { quality: 75, effort: 4 },
  png: {},
  gif: {},
} as const;

let version: string | undefined;
/** What the variants depend on besides the source: this file's settings and the installed sharp. */
export const imagesVersion = (): string => (version ??= hashTree(HERE, (file) => file === 'images.ts'));

/** The cache's folder of one source's variants. */
export const variantsFolder = (cacheDir: string, hash: string): string => path.join(cacheDir, `media-${imagesVersion()}`, hash);
export const variantName = (image: NonNullable<OutputFile['image']>): string => `${image.width}x${image.height}.${image.format}`;

/** Every variant of one source (all of `outputs` share it) not yet in `folder`, made and written there. */
export async function makeVariants(sourcePath: string, outputs: readonly OutputFile[], folder: string, have: ReadonlySet<string>): Promise<void> {
  const wanted = new Map(outputs.map((output) => [variantName(output.image!), output.image!]));
  for (const name of have) wanted.delete(name);
  if (wanted.size === 0) return;
  const { default: sharp } = await import('sharp');
  const bytes = await readFile(sourcePath);
  const largest = Math.max(...[...wanted.values()].map((image) => image.width));
  const heightAt = new Map([...wanted.values()].map((image) => [image.width, image.height]));
  const animated = ((await sharp(bytes).metadata()).pages ?? 1) > 1;
  mkdirSync(folder, { recursive: true });
  const encode = (image: ReturnType<typeof sharp>, format: ImageFormat) => image.toFormat(format, ENCODE[format]).toBuffer();
  if (animated) {
    // Frames stay frames: each variant from the source (libvips resizes every frame).
    for (const [name, image] of wanted) {
      const data = await encode(sharp(bytes, { failOn: IMAGE_FAIL_ON, animated: true }).resize(image.width, null), image.format);
      await replaceFile(path.join(folder, name), data);
    }
    return;
  }
  const upright = await sharp(bytes, { failOn: IMAGE_FAIL_ON })
    .autoOrient()
    .resize(largest, heightAt.get(largest)!, { fit: 'fill' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: upright.info.width, height: upright.info.height, channels: upright.info.channels } };
  await Promise.all(
    [...wanted].map(async ([name, image]) => {
      const resized = sharp(upright.data, raw).resize(image.width, image.height, { fit: 'fill' });
      // A JPEG has no transparency: what is transparent becomes white, as on the page.
      const data = await encode(image.format === 'jpeg' ? resized.flatten({ background: '#ffffff' }) : resized, image.format);
      await replaceFile(path.join(folder, name), data);
    }),
  );
}

/** A folder's entries, or none when it is not there. */
export function variantsIn(folder: string): Set<string> {
  try {
    return new Set(readdirSync(folder));
  } catch {
    return new Set();
  }
}

/** Removes the cached variants of sources not in `used` (hashes) and every other version's. */
export function pruneVariants(cacheDir: string, used: ReadonlySet<string>): void {
  const current = path.dirname(variantsFolder(cacheDir, 'x'));
  for (const name of variantsIn(cacheDir)) {
    const dir = path.join(cacheDir, name);
    if (name.startsWith('media-') && dir !== current) rmSync(dir, { recursive: true, force: true });
  }
  for (const hash of variantsIn(current)) if (!used.has(hash)) rmSync(path.join(current, hash), { recursive: true, force: true });
}
