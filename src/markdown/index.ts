/** The archive's Markdown dialect: bodies → sanitized HTML and plain text, and the local files they link to. */
export { renderAll, type RenderAllOptions, type RenderMarkdown } from './batch.ts';
export { RenderCache } from './cache.ts';
export { decodeOrSelf, findBodyLinks, linkTarget } from './body-links.ts';
export type { RenderedBody, RenderedMarkdown, RenderJob, RenderOptions } from './render.ts';
export { BODY_IMAGE_SIZES, firstImageEager, type AttachmentView, type FileView, type ImageView } from './local-files.ts';
