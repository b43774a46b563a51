/** The archive's Markdown dialect: bodies → sanitized HTML and plain text, and the local files they link to. */
export { renderAll, renderContent, type RenderAllOptions } from './batch.ts';
export { currentPipelineVersion, RenderCache } from './cache.ts';
export { localReferences } from './references.ts';
export type { RenderedMarkdown } from './render.ts';
