/**
 * What the site publishes for the local files of a body (an item's, or an issue's note), under
 * that page's URL: a Chinese file name becomes ASCII (附件1：实施方案.pdf → `fu-jian-1-shi-shi-fang-an.pdf`)
 * and stays the reader's download name; an attachment is copied as it is; a raster image is
 * published at several widths, in WebP and in its own format (src/pipeline/images.ts makes them).
 * The URLs depend on the file names alone, so they stay as long as the names do.
 */
import path from 'node:path';
import { FILE_TYPES, formatBytes, linkedFile, toSlug, type BodyLinks, type LinkedFile } from '../content/index.ts';
import type { FileView, ImageView } from '../markdown/index.ts';
import type { ImageFormat, OutputFile } from './model.ts';
import { urls } from './urls.ts';

/** Widths an image is published at, at most its own: a phone's column, a desktop's, a sharp print of the 156 mm text block. */
export const IMAGE_WIDTHS = [480, 960, 1600] as const;
/** The width shown where `srcset` is not understood, and the `width` and `height` the page gives. */
const FALLBACK_WIDTH = 960;

/** The format a raster image keeps beside WebP: photos stay JPEG, screenshots PNG, animations GIF. */
const OWN_FORMAT: Readonly<Record<string, ImageFormat>> = { jpg: 'jpeg', jpeg: 'jpeg', webp: 'jpeg', png: 'png', gif: 'gif' };
const EXTENSION: Readonly<Record<ImageFormat, string>> = { jpeg: 'jpg', png: 'png', gif: 'gif', webp: 'webp' };
const MIME: Readonly<Record<ImageFormat, string>> = { jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp' };

export interface BodyFilePlan {
  /** For the renderer (`RenderOptions.files`): path as written, decoded → what it became. */
  views: Record<string, FileView>;
  /** The files to write. */
  outputs: OutputFile[];
}

/** The widths a raster image `width` pixels wide is published at. */
export function imageWidths(width: number): number[] {
  const widths: number[] = IMAGE_WIDTHS.filter((w) => w < width);
  if (width <= IMAGE_WIDTHS.at(-1)!) widths.push(width);
  else if (widths.at(-1) !== IMAGE_WIDTHS.at(-1)) widths.push(IMAGE_WIDTHS.at(-1)!);
  return widths;
}

/** Pixel height at `width` of an image `file.width` × `file.height`, as the image step resizes it. */
export const scaledHeight = (file: Pick<LinkedFile, 'width' | 'height'>, width: number): number => Math.max(1, Math.round((file.height! * width) / file.width!));

function imagePlan(file: LinkedFile, base: string): { view: ImageView; outputs: OutputFile[] } {
  const own = OWN_FORMAT[file.extension]!;
  const widths = imageWidths(file.width!);
  const variant = (width: number, format: ImageFormat): OutputFile => ({
    url: `${base}-${width}.${EXTENSION[format]}`,
    source: file.file,
    hash: file.hash,
    image: { width, height: scaledHeight(file, width), format },
  });
  const formats: ImageFormat[] = ['webp', own];
  const outputs = formats.flatMap((format) => widths.map((width) => variant(width, format)));
  const srcset = (format: ImageFormat) => outputs.filter((o) => o.image!.format === format).map((o) => `${o.url} ${o.image!.width}w`).join(', ');
  const shown = widths.filter((w) => w <= FALLBACK_WIDTH).at(-1) ?? widths[0]!;
  const view: ImageView = {
    kind: 'image',
    src: variant(shown, own).url,
    width: shown,
    height: scaledHeight(file, shown),
    srcset: srcset(own),
    sources: [{ type: MIME.webp, srcset: srcset('webp') }],
    full: variant(widths.at(-1)!, own).url,
  };
  return { view, outputs };
}

/**
 * The plan for a body in `from` (a content file), shown on the page at `pageUrl`. Links to
 * Markdown files and files that are not in `files` (not checked, or refused) are left out.
 */
export function bodyFilePlan(from: string, links: BodyLinks, pageUrl: string, files: ReadonlyMap<string, LinkedFile>): BodyFilePlan {
  const plan: BodyFilePlan = { views: {}, outputs: [] };
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const link of links.links) {
    if (link.target.kind !== 'file' || Object.hasOwn(plan.views, link.target.path)) continue;
    const file = files.get(linkedFile(from, link.target.path));
    if (!file) continue;
    let name = names.get(file.file);
    if (name === undefined) {
      const stem = toSlug(path.posix.basename(file.file).replace(/\.[^.]*$/, '')) || 'file';
      name = stem;
      for (let n = 2; taken.has(name); n++) name = `${stem}-${n}`;
      taken.add(name);
      names.set(file.file, name);
    }
    const type = FILE_TYPES[file.extension]!;
    const base = urls.bodyFile(pageUrl, name);
    if (type.kind === 'raster') {
      const { view, outputs } = imagePlan(file, base);
      plan.views[link.target.path] = view;
      if (!plan.outputs.some((o) => o.source === file.file)) plan.outputs.push(...outputs);
      continue;
    }
    const url = `${base}.${file.extension}`;
    if (!plan.outputs.some((o) => o.url === url)) plan.outputs.push({ url, source: file.file, hash: file.hash });
    plan.views[link.target.path] =
      type.kind === 'svg'
        ? { kind: 'image', src: url, width: file.width!, height: file.height!, srcset: '', sources: [], full: url }
        : { kind: 'attachment', href: url, name: path.posix.basename(file.file), note: `（${type.label}，${formatBytes(file.bytes)}）` };
  }
  return plan;
}
