// @11ty/eleventy-plugin-rss ships no type declarations; this covers what the project uses.
declare module '@11ty/eleventy-plugin-rss' {
  /** Adds the Nunjucks filters `dateToRfc3339`, `dateToRfc822`, `getNewestCollectionItemDate`, `absoluteUrl`, `htmlToAbsoluteUrls` (and Eleventy's HtmlBasePlugin). */
  export default function rssPlugin(eleventyConfig: never, options?: Record<string, unknown>): void;
  /** A Date as RFC 3339 in UTC, without fractional seconds: `2021-01-22T16:00:00Z`. */
  export function dateToRfc3339(date: Date): string;
}
