/**
 * The Eleventy wiring: the site structure goes in as global data `bulletin`, the templates in
 * layouts/ page through it. No content logic lives here.
 */
import { HtmlBasePlugin } from '@11ty/eleventy';
import rssPlugin from '@11ty/eleventy-plugin-rss';
import { chinaMidnight, chinaMidnightInstant } from '../content/date.ts';
import type { Site } from '../site/model.ts';
import { addPathPrefix } from './path-prefix.ts';

/** The part of Eleventy's UserConfig this plugin uses (Eleventy ships no types). */
export interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  setTemplateFormats(formats: string): void;
  setIncludesDirectory(dir: string): void;
  addWatchTarget(target: string): void;
  setChokidarConfig(options: Record<string, unknown>): void;
  setQuietMode(quiet: boolean): void;
  on(event: 'eleventy.after', handler: (event: { dir: { output: string } }) => Promise<void>): void;
  /** Before a rebuild in watch mode, with the paths that changed. */
  on(event: 'eleventy.beforeWatch', handler: (changed: string[]) => void): void;
  addPlugin(plugin: (eleventyConfig: never, options?: Record<string, unknown>) => void, options?: Record<string, unknown>): void;
  addFilter(name: string, filter: (value: never) => unknown): void;
  addTransform(name: string, transform: (this: never, content: string) => string): void;
  /** The path prefix the build gives Eleventy (`/` when there is none). */
  readonly pathPrefix: string;
  amendLibrary(engine: 'njk', amend: (environment: NunjucksEnvironment) => void): void;
}

/** What this plugin uses of the Nunjucks environment Eleventy makes. */
interface NunjucksEnvironment {
  render(name: string, context: object): string;
}

export interface BulletinPluginOptions {
  /** The site to render, or a function that loads it anew on every (re)build. */
  site: Site | (() => Promise<Site>);
  /** Folder of the layouts, relative to the working directory. */
  layoutsDir: string;
  /** Called as each page is rendered, to show a long build's progress. */
  onPage?: () => void;
}

export function bulletinPlugin(eleventyConfig: EleventyConfig, options: BulletinPluginOptions): void {
  eleventyConfig.setTemplateFormats('njk,11ty.js');
  eleventyConfig.setIncludesDirectory('_includes');
  // Escape by default: only bodies that went through the sanitizer are marked safe in templates.
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });
  eleventyConfig.addGlobalData('bulletin', options.site);
  // For the paginated JavaScript templates (layouts/_includes/page-template.js): a Nunjucks file
  // rendered by name through Eleventy's environment (its filters, autoescape and include folder),
  // compiled once. Global data (a function returning the function), not a JavaScript function:
  // Eleventy times each call of those and warns on the terminal when they take much of a build,
  // as pages do.
  let nunjucks: NunjucksEnvironment | undefined;
  eleventyConfig.amendLibrary('njk', (environment) => {
    nunjucks = environment;
  });
  eleventyConfig.addGlobalData('renderPage', () => (name: string, data: object) => nunjucks!.render(name, data));
  // Templates write root-relative URLs. HtmlBasePlugin gives the feed, the sitemap and the pages'
  // head `htmlBaseUrl` and `transformWithHtmlBase` for absolute URLs (they pass the site's address,
  // and the filters add the path prefix). Its own pass over every page is switched off (base `/`):
  // `addPathPrefix` does that job eight times faster. The RSS plugin would add HtmlBasePlugin with
  // its defaults; the first add wins.
  eleventyConfig.addPlugin(HtmlBasePlugin, { baseHref: '/' });
  eleventyConfig.addTransform('bulletin-path-prefix', function (this: { page: { outputPath: string | false } }, content) {
    const { outputPath } = this.page;
    return typeof outputPath === 'string' && outputPath.endsWith('.html') ? addPathPrefix(content, eleventyConfig.pathPrefix) : content;
  });
  // The feed's filters (`dateToRfc3339`, …), used on our own template layouts/feed.njk: the plugin's
  // virtual feed template reads an Eleventy collection, and our items are global data.
  eleventyConfig.addPlugin(rssPlugin);
  // Content dates are China calendar dates: `chinaMidnightInstant` gives the Date at which one
  // starts, for `dateToRfc3339` (which writes UTC); `chinaMidnight` the same as text at +08:00,
  // for Open Graph.
  eleventyConfig.addFilter('chinaMidnight', chinaMidnight);
  eleventyConfig.addFilter('chinaMidnightInstant', chinaMidnightInstant);
  const { onPage } = options;
  if (onPage) {
    eleventyConfig.addTransform('bulletin-progress', (content) => {
      onPage();
      return content;
    });
  }
  eleventyConfig.addPassthroughCopy({ [`${options.layoutsDir}/assets`]: 'assets' });
}
