/**
 * Configuration for `npm run dev` only: Eleventy's dev server with live reload, drafts shown.
 * `npm run build` runs Eleventy through src/build/build.ts instead, which validates first and
 * swaps the output in atomically.
 */
import { loadSiteForPreview } from './src/build/preview.ts';
import { bulletinPlugin, type EleventyConfig } from './src/eleventy/plugin.ts';
import { writeSearchIndex } from './src/search/write.ts';
import type { Site } from './src/site/model.ts';

export default function (eleventyConfig: EleventyConfig): void {
  eleventyConfig.addWatchTarget('content/');
  let site: Site | undefined;
  bulletinPlugin(eleventyConfig, { site: async () => (site = await loadSiteForPreview('content')), layoutsDir: 'layouts' });
  // The search page needs its index, which `npm run build` writes after Eleventy; so does the preview.
  eleventyConfig.on('eleventy.after', async ({ dir }) => {
    if (site) await writeSearchIndex(site, dir.output);
  });
}

export const config = { dir: { input: 'layouts', output: '.cache/preview' } };
