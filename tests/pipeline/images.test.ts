/** A photo's published widths: upright, stripped of its EXIF, made once and kept by content hash. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { makeVariants, pruneVariants, variantName, variantsFolder, variantsIn } from '../../src/pipeline/images.ts';
import type { ImageFormat, OutputFile } from '../../src/site/model.ts';
import { ANIMATED_GIF, PHOTO, PRIVATE_EXIF, SCREENSHOT_PNG } from '../fixtures/images.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (name: string, bytes: Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
};
const outputs = (hash: string, sizes: [number, number, ImageFormat][]): OutputFile[] =>
  sizes.map(([width, height, format]) => ({ url: `/x-${width}.${format}`, source: 'x', hash, image: { width, height, format } }));

describe('makeVariants', () => {
  const folder = path.join(dir, 'photo');
  const wanted = outputs('photo', [
    [480, 640, 'webp'],
    [900, 1200, 'webp'],
    [480, 640, 'jpeg'],
    [900, 1200, 'jpeg'],
  ]);

  it('turns a phone photo upright and writes every width in WebP and JPEG, at the planned size', async () => {
    await makeVariants(source('photo.jpg', PHOTO), wanted, folder, new Set());
    for (const output of wanted) {
      const meta = await sharp(path.join(folder, variantName(output.image!))).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([output.image!.format, output.image!.width, output.image!.height]);
      expect(meta.orientation ?? 1).toBe(1);
    }
    // Stored on its side with the red marker top left; upright (90° clockwise) the marker is top right.
    const { data, info } = await sharp(path.join(folder, '900x1200.jpeg')).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(info.width - 20, 20)[0]).toBeGreaterThan(200);
    expect(at(20, 20)[0]).toBeLessThan(100);
  });

  it('lets no GPS position, camera or owner through', async () => {
    const original = await sharp(PHOTO).metadata();
    expect(original.exif?.toString('latin1')).toContain(PRIVATE_EXIF.make);
    // The pointer to the GPS directory (tag 0x8825, little-endian).
    expect(original.exif!.indexOf(Buffer.from([0x25, 0x88]))).toBeGreaterThan(0);
    for (const name of readdirSync(folder)) {
      const meta = await sharp(path.join(folder, name)).metadata();
      expect([meta.exif, meta.xmp, meta.iptc, meta.icc]).toEqual([undefined, undefined, undefined, undefined]);
      const bytes = readFileSync(path.join(folder, name)).toString('latin1');
      for (const secret of [PRIVATE_EXIF.make, PRIVATE_EXIF.model, 'GPS']) expect(bytes).not.toContain(secret);
    }
  });

  it('makes only what the folder lacks', async () => {
    const before = statSync(path.join(folder, '480x640.webp')).mtimeMs;
    rmSync(path.join(folder, '900x1200.jpeg'));
    await makeVariants(path.join(dir, 'photo.jpg'), wanted, folder, variantsIn(folder));
    expect(statSync(path.join(folder, '480x640.webp')).mtimeMs).toBe(before);
    expect(variantsIn(folder)).toEqual(new Set(wanted.map((o) => variantName(o.image!))));
  });

  it('keeps a screenshot PNG and every frame of an animated GIF', async () => {
    const png = path.join(dir, 'png');
    await makeVariants(source('a.png', SCREENSHOT_PNG), outputs('png', [[480, 300, 'png']]), png, new Set());
    expect((await sharp(path.join(png, '480x300.png')).metadata()).format).toBe('png');
    const gif = path.join(dir, 'gif');
    await makeVariants(source('a.gif', ANIMATED_GIF), outputs('gif', [[100, 50, 'webp'], [100, 50, 'gif']]), gif, new Set());
    for (const name of ['100x50.webp', '100x50.gif']) {
      const meta = await sharp(path.join(gif, name), { animated: true }).metadata();
      expect([meta.pages, meta.width, meta.pageHeight]).toEqual([2, 100, 50]);
    }
  });
});

describe('pruneVariants', () => {
  it('keeps the sources in use and drops the rest and other versions', () => {
    const cache = path.join(dir, 'cache');
    for (const folder of [variantsFolder(cache, 'kept'), variantsFolder(cache, 'gone'), path.join(cache, 'media-oldversion', 'kept'), path.join(cache, 'markdown-x')]) {
      mkdirSync(folder, { recursive: true });
    }
    pruneVariants(cache, new Set(['kept']));
    expect(variantsIn(path.dirname(variantsFolder(cache, 'x')))).toEqual(new Set(['kept']));
    expect(variantsIn(cache)).toEqual(new Set([path.basename(path.dirname(variantsFolder(cache, 'x'))), 'markdown-x']));
  });
});
