/**
 * Configuration for `npm run dev` only: Eleventy's dev server with live reload, drafts shown.
 * `npm run build` runs Eleventy through src/build/build.ts instead, which validates first and
 * swaps the output in atomically.
 */
import { loadSiteForPreview } from './src/build/preview.ts';
import { bulletinPlugin, type EleventyConfig } from './src/eleventy/plugin.ts';

export default function (eleventyConfig: EleventyConfig): void {
  eleventyConfig.addWatchTarget('content/');
  bulletinPlugin(eleventyConfig, { site: () => loadSiteForPreview('content'), layoutsDir: 'layouts' });
}

export const config = { dir: { input: 'layouts', output: '.cache/preview' } };
