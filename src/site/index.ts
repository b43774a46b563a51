/** Content model → site structure: every page, its URL and what it lists, as pure functions. */
export { buildSite, excerpt, type BuildOptions, type RenderMarkdown } from './structure.ts';
export { urls } from './urls.ts';
export { checkBodyLinks, renderJobs, type FileProblems, type PublishOptions } from './body-links.ts';
export { groupBy } from './group-by.ts';
export { changedPages, fingerprintPages, fingerprintSite, issuePdfKeys, searchKey, type Fingerprints } from './fingerprint.ts';
export type { ImageFormat, IssuePage, ItemPage, Link, ListingPage, OutputFile, RenderSet, Site, SiteAddress } from './model.ts';
