/**
 * The kinds of file a body may link to or show, by extension: what the site does with each, the
 * name readers see beside a download, and what the file's own bytes must say it is. Everything
 * else is refused, executables and web pages first.
 */

export type FileKind =
  /** A photo or picture: resized, stripped of metadata, shown with `srcset` (src/pipeline/images.ts). */
  | 'raster'
  /** Shown as it is once checked for scripts and outside references. */
  | 'svg'
  /** Published byte for byte as a download. */
  | 'attachment';

export interface FileType {
  kind: FileKind;
  /** Shown to readers: 附件1：实施方案（PDF，1.2 MB）. */
  label: string;
  /**
   * What file-type (the library) must find in the first bytes; `text` for plain text, which it
   * finds nothing in; `svg` for SVG, which is XML.
   */
  detected: readonly string[] | 'text' | 'svg';
}

const raster = (label: string, ...detected: string[]): FileType => ({ kind: 'raster', label, detected });
const attachment = (label: string, ...detected: string[]): FileType => ({ kind: 'attachment', label, detected });
/** Old Office and WPS files are OLE compound files; file-type names them `cfb`. */
const OLE = 'cfb';

/** By lower-case extension. Office Open XML and OFD are zip files: file-type names some by their content, some only `zip`. */
export const FILE_TYPES: Readonly<Record<string, FileType>> = {
  jpg: raster('JPEG', 'jpg'),
  jpeg: raster('JPEG', 'jpg'),
  png: raster('PNG', 'png'),
  webp: raster('WebP', 'webp'),
  gif: raster('GIF', 'gif'),
  svg: { kind: 'svg', label: 'SVG', detected: 'svg' },
  pdf: attachment('PDF', 'pdf'),
  ofd: attachment('OFD', 'zip'),
  doc: attachment('Word', OLE),
  docx: attachment('Word', 'docx', 'zip'),
  xls: attachment('Excel', OLE),
  xlsx: attachment('Excel', 'xlsx', 'zip'),
  ppt: attachment('PPT', OLE),
  pptx: attachment('PPT', 'pptx', 'zip'),
  wps: attachment('WPS文字', OLE),
  et: attachment('WPS表格', OLE),
  dps: attachment('WPS演示', OLE),
  zip: attachment('ZIP压缩包', 'zip'),
  rar: attachment('RAR压缩包', 'rar'),
  '7z': attachment('7z压缩包', '7z'),
  txt: { kind: 'attachment', label: '文本', detected: 'text' },
  csv: { kind: 'attachment', label: 'CSV', detected: 'text' },
};

/** Photos in a format the image library cannot read: what to do instead. */
const UNREADABLE_PHOTOS: Readonly<Record<string, string>> = {
  heic: 'HEIC 格式的照片网站还不能处理（所用图像库不带 HEIC 解码）：请在手机或电脑上把它另存为 JPEG（.jpg）后放在原处，并改正文中的文件名',
  heif: 'HEIF 格式的照片网站还不能处理（所用图像库不带 HEIC 解码）：请在手机或电脑上把它另存为 JPEG（.jpg）后放在原处，并改正文中的文件名',
  tif: 'TIFF 图片不适合在网页上显示：请另存为 JPEG（照片）或 PNG（截图、图表）后放在原处，并改正文中的文件名',
  tiff: 'TIFF 图片不适合在网页上显示：请另存为 JPEG（照片）或 PNG（截图、图表）后放在原处，并改正文中的文件名',
  bmp: 'BMP 图片不适合在网页上显示：请另存为 JPEG（照片）或 PNG（截图、图表）后放在原处，并改正文中的文件名',
};

const ALLOWED = '图片（JPG、PNG、WebP、GIF、SVG）和文档（PDF、OFD、Word、Excel、PPT、WPS、压缩包、TXT、CSV）';

/** The extension of a file name, lower case, without the dot; '' when it has none. */
export const extensionOf = (name: string): string => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** The type of a linked file by its name, or why it may not be published. */
export function fileTypeOf(name: string): { type: FileType; extension: string } | { refused: string } {
  const extension = extensionOf(name);
  const type = Object.hasOwn(FILE_TYPES, extension) ? FILE_TYPES[extension] : undefined;
  if (type) return { type, extension };
  const unreadable = Object.hasOwn(UNREADABLE_PHOTOS, extension) ? UNREADABLE_PHOTOS[extension] : undefined;
  if (unreadable) return { refused: unreadable };
  if (extension === '') return { refused: `没有扩展名的文件不能发布：网站只发布${ALLOWED}，请给文件加上正确的扩展名` };
  return { refused: `.${extension} 文件不能发布：网站只发布${ALLOWED}；程序、脚本和网页文件可能危害读者的电脑，一律不发布` };
}
