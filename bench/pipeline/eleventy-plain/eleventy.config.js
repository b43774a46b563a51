// @ts-check
/**
 * The plain-Eleventy baseline of `npm run bench` (bench/pipeline/run.ts): Eleventy 3.1.8 as it comes,
 * its default markdown-it (and its default Liquid pre-pass over Markdown), one page per Markdown
 * file of the corpus through one minimal Nunjucks layout. Plain JavaScript so that Eleventy loads
 * it without tsx, as a project without TypeScript would.
 *
 * Run: node node_modules/@11ty/eleventy/cmd.cjs --quiet --config=THIS --input=CORPUS --output=OUT
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const INCLUDES = fileURLToPath(new URL('./_includes/', import.meta.url));

/** @param {any} eleventyConfig */
export default function (eleventyConfig) {
  // Eleventy resolves the includes folder relative to the input folder (the corpus, elsewhere).
  eleventyConfig.setIncludesDirectory(path.relative(eleventyConfig.directories.input, INCLUDES));
  // The corpus's _data/ holds our YAML (site, units, categories), which is not Eleventy data: a
  // data folder that does not exist keeps Eleventy from reading it. (Without a YAML data extension
  // Eleventy would skip those files anyway; this says so.) Its .yaml files are no templates either.
  eleventyConfig.setDataDirectory('_no-eleventy-data');
  eleventyConfig.setTemplateFormats(['md']);
  // Every page, items and issue index.md files alike, gets the one layout.
  eleventyConfig.addGlobalData('layout', 'item.njk');
}
