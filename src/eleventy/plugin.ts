/**
 * The Eleventy wiring, in labelled sections: the site structure and its render set go in as
 * global data (`site`, `renderSet`, `urls`), the templates in layouts/ display them. No content
 * logic lives here.
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HtmlBasePlugin } from '@11ty/eleventy';
import rssPlugin from '@11ty/eleventy-plugin-rss';
import { chinaMidnight, chinaMidnightInstant } from '../content/index.ts';
import { firstImageEager } from '../markdown/index.ts';
import { urls, type RenderSet, type Site } from '../site/index.ts';
import { compileThrough, type CompiledTemplates, type NunjucksModule } from './compiled-templates.ts';
import { addPathPrefix } from './path-prefix.ts';

/** The part of Eleventy's UserConfig this plugin uses (Eleventy ships no types). */
export interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addTemplate(virtualPath: string, content: unknown, data?: Record<string, unknown>): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  setTemplateFormats(formats: string): void;
  setIncludesDirectory(dir: string): void;
  addWatchTarget(target: string): void;
  setChokidarConfig(options: Record<string, unknown>): void;
  /** The dev server's options; `middleware` runs before it serves the output folder. */
  setServerOptions(options: { middleware?: unknown[] }): void;
  setQuietMode(quiet: boolean): void;
  on(event: 'eleventy.after', handler: (event: { directories: { output: string } }) => Promise<void>): void;
  /** Before a rebuild in watch mode, with the paths that changed. */
  on(event: 'eleventy.beforeWatch', handler: (changed: string[]) => void): void;
  /** Once Eleventy has made its Nunjucks environment (for each build), with the module it came from. */
  on(event: 'eleventy.engine.njk', handler: (event: { nunjucks: NunjucksModule }) => void): void;
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

/** What one build renders: the whole site, and which of its large paginated pages to write now. */
export interface SiteBuild {
  site: Site;
  renderSet: RenderSet;
}

export interface BulletinPluginOptions {
  /** The site to render, or a function that loads it anew on every (re)build. */
  build: SiteBuild | (() => Promise<SiteBuild>);
  /** Folder of the layouts, relative to the working directory. */
  layoutsDir: string;
  /** Called as each page is rendered, to show a long build's progress. */
  onPage?: () => void;
  /** The templates' compiled sources, kept between builds (compiled-templates.ts); compiled anew without. */
  templates?: CompiledTemplates;
}

/** The stylesheet's parts in layouts/styles/, in cascade order; served as one file. */
const STYLESHEET_PARTS = ['screen.css', 'print.css', 'search.css'];

/** The three large paginated page types: alias, the list of the render set they page through. */
const PAGE_TYPES = { item: 'items', issue: 'issues', listing: 'listings' } as const;

export function bulletinPlugin(eleventyConfig: EleventyConfig, options: BulletinPluginOptions): void {
  // --- Templates: Nunjucks and JavaScript, escaped by default ---
  eleventyConfig.setTemplateFormats('njk,11ty.js');
  eleventyConfig.setIncludesDirectory('_includes');
  // Only bodies that went through the sanitizer are marked safe in templates.
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });

  // --- Global data: the site, this build's render set, the URL table ---
  // A loader is called once per (re)build, however many global data values read it.
  let current: Promise<SiteBuild> | undefined;
  const load = () => (current ??= typeof options.build === 'function' ? options.build() : Promise.resolve(options.build));
  eleventyConfig.addGlobalData('site', () => load().then((build) => build.site));
  eleventyConfig.addGlobalData('renderSet', () => load().then((build) => build.renderSet));
  eleventyConfig.addGlobalData('urls', urls);
  eleventyConfig.on('eleventy.beforeWatch', () => {
    current = undefined;
  });

  // --- Compiled templates, kept between builds ---
  const { templates } = options;
  if (templates) eleventyConfig.on('eleventy.engine.njk', ({ nunjucks }) => compileThrough(nunjucks, templates));

  // --- Page types: items, issues and listings, paged through the render set ---
  // Eleventy compiles a paginated Nunjucks template anew for every page (its Nunjucks engine keeps
  // no compile cache: 0.4 s of a 4,000-item build). These JavaScript templates render the page's
  // Nunjucks file, layouts/_includes/pages/KIND.njk, by name through Eleventy's own environment
  // (its filters, autoescape and include folder), which compiles it once.
  let nunjucks: NunjucksEnvironment | undefined;
  eleventyConfig.amendLibrary('njk', (environment) => {
    nunjucks = environment;
  });
  for (const [alias, list] of Object.entries(PAGE_TYPES)) {
    eleventyConfig.addTemplate(`${alias}.11ty.js`, {
      data: {
        pagination: { data: `renderSet.${list}`, size: 1, alias },
        permalink: (data: Record<string, { url: string }>) => data[alias]!.url,
      },
      render: (data: object) => nunjucks!.render(`pages/${alias}.njk`, data),
    });
  }

  // --- Assets: the scripts and icons as they are, the stylesheet joined from its parts ---
  // Written once every page has rendered, not by Eleventy's passthrough copy: that goes on copying
  // after a page failed to render (11ty/eleventy#1656), into the staging folder the failed build is
  // removing, and a copy failing then is a rejection nobody handles, printed with its stack trace.
  const assets = path.join(options.layoutsDir, 'assets');
  const favicon = path.join(options.layoutsDir, 'favicon.ico');
  const styles = path.join(options.layoutsDir, 'styles');
  for (const target of [assets, favicon, styles]) eleventyConfig.addWatchTarget(target);
  eleventyConfig.on('eleventy.after', async ({ directories }) => {
    const stylesheet = path.join(directories.output, urls.stylesheet);
    const assetsOut = path.dirname(stylesheet);
    await mkdir(assetsOut, { recursive: true });
    for (const name of await readdir(assets)) await copyFile(path.join(assets, name), path.join(assetsOut, name));
    // At the site's root, where browsers look for it when a page names none.
    await copyFile(favicon, path.join(directories.output, urls.favicon));
    await writeFile(stylesheet, STYLESHEET_PARTS.map((part) => readFileSync(path.join(styles, part), 'utf8')).join(''));
  });

  // --- URLs: the path prefix ---
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

  // --- Feed and dates ---
  // The feed's filters (`dateToRfc3339`, …), used on our own template layouts/feed.njk: the plugin's
  // virtual feed template reads an Eleventy collection, and our items are global data.
  eleventyConfig.addPlugin(rssPlugin);
  // Content dates are China calendar dates: `chinaMidnightInstant` gives the Date at which one
  // starts, for `dateToRfc3339` (which writes UTC); `chinaMidnight` the same as text at +08:00,
  // for Open Graph.
  eleventyConfig.addFilter('chinaMidnight', chinaMidnight);
  eleventyConfig.addFilter('chinaMidnightInstant', chinaMidnightInstant);

  // --- Bodies ---
  // An item's own page loads its first image at once; see firstImageEager.
  eleventyConfig.addFilter('firstImageEager', firstImageEager);

  // --- Progress ---
  const { onPage } = options;
  if (onPage) {
    eleventyConfig.addTransform('bulletin-progress', (content) => {
      onPage();
      return content;
    });
  }
}
