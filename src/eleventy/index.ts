/** Rendering: the Eleventy plugin that turns the site structure into pages, and the path prefix it adds. */
export { bulletinPlugin, type BulletinPluginOptions, type EleventyConfig, type SiteBuild } from './plugin.ts';
export { addPathPrefix, SRCSET_ATTRIBUTES, srcsetUrls, URL_ATTRIBUTES } from './path-prefix.ts';
export { CompiledTemplates } from './compiled-templates.ts';
