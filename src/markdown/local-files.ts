/**
 * rehype plugin, after the sanitizer: a body's images and links to local files become what the
 * site publishes for them. The caller passes what each file became (`files`: path as written,
 * decoded → view): an image is a <picture> with a modern format beside the original one, several
 * widths, its size (so nothing shifts as it loads) and lazy loading; a link to an attachment points
 * at its published copy, downloads under the clerk's own file name, and says its type and size
 * after the link text. A path not in `files` is left as written, for the checks to report.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { linkTarget } from './body-links.ts';
import type { RenderOptions } from './render.ts';

/** What a published image is, as the body shows it. */
export interface ImageView {
  kind: 'image';
  /** The variant in the original's format that `width` and `height` describe. */
  src: string;
  width: number;
  height: number;
  /** `url 480w, url 960w` in the original's format; '' for an SVG (one file at any size). */
  srcset: string;
  /** The same widths in other formats, preferred first. */
  sources: { type: string; srcset: string }[];
  /** The largest variant, where a plain link to the image (`[原图](p.jpg)`) leads. */
  full: string;
}

/** What a published attachment is, as a link to it shows it. */
export interface AttachmentView {
  kind: 'attachment';
  href: string;
  /** The clerk's own file name, for the download. */
  name: string;
  /** Type and size, shown after the link: `（PDF，1.2 MB）`. */
  note: string;
}

export type FileView = ImageView | AttachmentView;

/** The body's column: 40rem wide, less the page's margins on a phone (layouts/styles/screen.css, `--measure`). */
export const BODY_IMAGE_SIZES = '(min-width: 42rem) 40rem, calc(100vw - 2rem)';

function viewOf(url: unknown, files: Readonly<Record<string, FileView>>): FileView | undefined {
  if (typeof url !== 'string') return undefined;
  const target = linkTarget(url);
  return target.kind === 'file' && Object.hasOwn(files, target.path) ? files[target.path] : undefined;
}

function picture(image: Element, view: ImageView): Element {
  const sizes = view.srcset ? { sizes: BODY_IMAGE_SIZES } : {};
  const img: Element = {
    ...image,
    properties: {
      ...image.properties,
      src: view.src,
      ...(view.srcset ? { srcSet: view.srcset } : {}),
      ...sizes,
      width: view.width,
      height: view.height,
      loading: 'lazy',
      decoding: 'async',
    },
  };
  if (view.sources.length === 0) return img;
  const sources = view.sources.map((source): Element => ({ type: 'element', tagName: 'source', properties: { type: source.type, srcSet: source.srcset, ...sizes }, children: [] }));
  return { type: 'element', tagName: 'picture', properties: {}, children: [...sources, img] };
}

const isPhotoOnly = (paragraph: Element): boolean => {
  const shown = paragraph.children.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  return shown.length === 1 && shown[0]!.type === 'element' && (shown[0]!.tagName === 'picture' || (shown[0]!.tagName === 'img' && 'width' in shown[0]!.properties));
};

function rewrite(parent: Root | Element, files: Readonly<Record<string, FileView>>): void {
  const children: (RootContent | ElementContent)[] = [];
  for (const child of parent.children) {
    if (child.type !== 'element') {
      children.push(child);
      continue;
    }
    if (child.tagName === 'img') {
      const view = viewOf(child.properties.src, files);
      children.push(view?.kind === 'image' ? picture(child, view) : child);
      continue;
    }
    rewrite(child, files);
    // A paragraph that is one photo is shown as a photo: centred, without the first-line indent.
    if (child.tagName === 'p' && isPhotoOnly(child)) child.properties.className = ['photo'];
    children.push(child);
    const view = child.tagName === 'a' ? viewOf(child.properties.href, files) : undefined;
    if (view?.kind === 'image') child.properties.href = view.full;
    if (view?.kind === 'attachment') {
      const fragment = linkTarget(child.properties.href as string);
      child.properties.href = fragment.kind === 'file' && fragment.fragment ? `${view.href}#${encodeURIComponent(fragment.fragment)}` : view.href;
      child.properties.download = view.name;
      if (child.children.length === 0) child.children.push({ type: 'text', value: view.name.replace(/\.[^.]+$/, '') });
      children.push({ type: 'element', tagName: 'span', properties: { className: ['file-note'] }, children: [{ type: 'text', value: view.note }] });
    }
  }
  parent.children = children as typeof parent.children;
}

/** In a tag, never in text: the serializer writes a `<` of text as `&#x3C;`. */
const LAZY = /(<img\b[^>]*?) loading="lazy"/;

/**
 * `html` (a rendered body) with its first image loaded at once: on an item's own page it is near
 * the top; lower images, and every image of a page of many items, wait until the reader nears them.
 * Only this plugin writes `loading` (the sanitizer drops a clerk's).
 */
export const firstImageEager = (html: string): string => html.replace(LAZY, '$1');

export default function rehypeLocalFiles() {
  return (tree: Root, file: { data: unknown }): undefined => {
    const { files } = file.data as RenderOptions;
    if (files && Object.keys(files).length > 0) rewrite(tree, files);
  };
}
