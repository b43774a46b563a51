/**
 * A local file a body links to or shows, read and checked as the build will publish it: a type
 * the site publishes, bytes that are what its extension says, and, for an image, one the image
 * library reads to the end (as the build reads it: the same library, the same strictness), or an
 * SVG without scripts or outside references. The result depends on the bytes alone, so it is kept
 * in the load memo by the file's size and times.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { Parser } from 'htmlparser2';
import { looksBinary } from './encoding.ts';
import { FILE_TYPES, type FileType } from './file-types.ts';
import type { LinkedFile } from './model.ts';

/** What reading a file found: the file, or why it cannot be published. */
export type Inspection = { file: Omit<LinkedFile, 'file'>; problem?: undefined } | { problem: string; file?: undefined };

/** How strict the image library is, here and when the build processes the image: a truncated or damaged file fails. */
export const IMAGE_FAIL_ON = 'error';

/** Changes whenever the file is written (ctime cannot be set back by hand). */
export const fileState = (stats: Stats): string => `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;

/** `2.5 MB`, `340 KB`: sizes as Windows shows them (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

const HTML_START = /^\s*<(?:!doctype\s+html|html|head|body|script|iframe|meta)\b/i;

/** What a file's bytes look like, for a message: “PNG 图片”, “HTML 网页”. */
function describe(detected: string | undefined, bytes: Buffer): string {
  if (detected) {
    const type = Object.hasOwn(FILE_TYPES, detected) ? FILE_TYPES[detected] : undefined;
    return type ? `${type.label} 文件（扩展名应为 .${detected}）` : `.${detected} 文件`;
  }
  if (HTML_START.test(bytes.subarray(0, 512).toString('latin1'))) return 'HTML 网页';
  return looksBinary(bytes.subarray(0, 8192)) ? '无法识别的内容' : '纯文本';
}

/** An inspection, with what it was made from: the file's state and the hash of its bytes. */
export interface InspectedFile {
  state: string;
  hash: string;
  inspection: Inspection;
}

/**
 * Reads `absolute` (a regular file in state `state`) and checks it as a file of `extension`'s
 * type. What it finds depends on the bytes and the extension alone: `known` gives an earlier
 * inspection of the same bytes under that extension (a fresh checkout gives every file a new
 * state), which saves decoding the photo again.
 */
export async function inspectFile(absolute: string, state: string, extension: string, type: FileType, known: (key: string) => InspectedFile | undefined): Promise<InspectedFile> {
  const bytes = readFileSync(absolute);
  const hash = createHash('sha256').update(bytes).digest('base64url');
  const seen = known(inspectionKey(extension, hash));
  return { state, hash, inspection: seen ? seen.inspection : await inspectBytes(bytes, hash, extension, type) };
}

/** What an inspection of `hash`'s bytes as a file of `extension` is found by. */
export const inspectionKey = (extension: string, hash: string): string => `${extension}:${hash}`;

async function inspectBytes(bytes: Buffer, hash: string, extension: string, type: FileType): Promise<Inspection> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = (await fileTypeFromBuffer(bytes))?.ext;
  const mismatch = () => ({ problem: `文件的内容不是 ${type.label}（实际是：${describe(detected, bytes)}）：请确认扩展名没有被改过；如是别的格式，请另存为正确的格式后再放入` });
  const base = { extension, bytes: bytes.length, hash };
  if (type.detected === 'text') {
    if (detected !== undefined || looksBinary(bytes.subarray(0, 8192)) || HTML_START.test(bytes.subarray(0, 512).toString('utf8'))) return mismatch();
    return { file: base };
  }
  if (type.detected === 'svg') {
    if (detected !== undefined && detected !== 'svg' && detected !== 'xml') return mismatch();
    const unsafe = svgProblem(bytes.toString('utf8'));
    if (unsafe) return { problem: unsafe };
    return imageSize(bytes, base, false);
  }
  if (detected === undefined || !type.detected.includes(detected)) return mismatch();
  return type.kind === 'raster' ? imageSize(bytes, base, true) : { file: base };
}

/** The image's size as shown; a raster image is decoded to its last byte, as the build will. */
async function imageSize(bytes: Buffer, base: Omit<LinkedFile, 'file'>, raster: boolean): Promise<Inspection> {
  const { default: sharp } = await import('sharp');
  try {
    const image = sharp(bytes, { failOn: IMAGE_FAIL_ON, animated: true });
    const metadata = await image.metadata();
    // Decoding at a small size reads every byte (JPEG decodes at an eighth of its size for it).
    if (raster) await image.resize(16, 16, { fit: 'inside' }).raw().toBuffer();
    const { width, height } = metadata.autoOrient;
    const pages = metadata.pages ?? 1;
    const shownHeight = pages > 1 ? (metadata.pageHeight ?? height) : height;
    return { file: { ...base, width, height: shownHeight, ...(pages > 1 ? { animated: true } : {}) } };
  } catch {
    return { problem: '图片无法读取，文件可能不完整或已损坏：请重新从手机或相机导出，或用看图软件打开后另存，再放入' };
  }
}

/** Elements that run script or pull in other content. */
const SVG_ACTIVE = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'audio', 'video', 'handler', 'listener']);
const OUTSIDE_URL = /url\(\s*['"]?(?!#)|@import/i;

/** Why an SVG may not be published as it is: it can run script, or load other files or hosts. */
export function svgProblem(source: string): string | undefined {
  const found: string[] = [];
  let root: string | undefined;
  if (/<!ENTITY/i.test(source)) found.push('实体声明（<!ENTITY>）');
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const element = name.toLowerCase();
        root ??= element;
        if (SVG_ACTIVE.has(element)) found.push(`<${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          const key = attribute.toLowerCase();
          if (key.startsWith('on')) found.push(`事件属性 ${attribute}`);
          else if ((key === 'href' || key.endsWith(':href') || key === 'src') && !value.trim().startsWith('#')) found.push(`${attribute}="${value}"`);
          else if (key === 'style' && OUTSIDE_URL.test(value)) found.push(`style="${value}"`);
        }
      },
      ontext(text) {
        if (OUTSIDE_URL.test(text)) found.push('样式中的外部引用');
      },
    },
    { xmlMode: true },
  );
  parser.end(source);
  if (root !== 'svg') return '文件的内容不是 SVG 图片：请确认扩展名没有被改过，或另存为 PNG';
  if (found.length === 0) return undefined;
  return `SVG 图片中有脚本或对其他文件、网站的引用（${[...new Set(found)].slice(0, 3).join('、')}），网站不发布这样的图片：请另存为 PNG，或导出不含脚本和外部引用的 SVG`;
}

/** A regular file's state, or why the link does not lead to one. */
export function statOf(absolute: string): { stats: Stats } | { problem: string } {
  const stats = statSync(absolute);
  return stats.isFile() ? { stats } : { problem: '链接指向的是文件夹，不是文件：请写出文件夹中要发布的文件名' };
}
