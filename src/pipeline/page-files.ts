/** Where the output keeps a page: the one mapping from a page's URL to its file. */

/** `/2021/03/huiyi/` → `2021/03/huiyi/index.html`, the file a page is written to; `/404.html` stays `404.html`. */
export const fileOfPage = (url: string): string => `${url.slice(1)}${url.endsWith('/') ? 'index.html' : ''}`;
