/** The build: validation, Markdown, site structure, rendering and search index, into a staging folder swapped in whole. */
export { build, describeError, LAYOUTS_DIR, type BuildRequest, type BuildResult } from './build.ts';
export { resolveSiteAddress, type SiteAddress } from './site-address.ts';
export { validateContent, type ValidateOptions } from './validate.ts';
export { DEFAULT_DEV_HOST, hostWarning, listenOn } from './dev-host.ts';
export { Preview, type PreviewOptions } from './preview.ts';
export { terminalProgress } from './progress.ts';
