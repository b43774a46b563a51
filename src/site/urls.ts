/**
 * The URL table: every page and file of the site, root-relative. The site structure, the search
 * index and the templates (global data `urls`) all read it; no URL is written anywhere else.
 */
export const urls = {
  home: '/',
  issues: '/issues/',
  archive: '/archive/',
  search: '/search/',
  categories: '/categories/',
  units: '/units/',
  years: '/years/',
  stats: '/stats/',
  notFound: '/404.html',
  feed: '/feed.xml',
  sitemap: '/sitemap.xml',
  robots: '/robots.txt',
  stylesheet: '/assets/style.css',
  textSizeScript: '/assets/text-size.js',
  printScript: '/assets/print.js',
  favicon: '/favicon.ico',
  faviconSvg: '/assets/favicon.svg',
  searchScript: '/search/search.js',
  /** The clerks' web form: always in `npm run dev`, published only when site.yaml has `admin:`. */
  admin: '/admin/',
  /** The form's local backend in `npm run dev` (Decap's proxy protocol). */
  adminApi: '/admin/api/v1',
  issue: (key: string) => `/${key}/`,
  /** The issue printed to PDF (`npm run build -- --pdf`): `/2021/03/2021-03.pdf`. */
  issuePdf: (key: string) => `/${key}/${key.replaceAll('/', '-')}.pdf`,
  item: (issueKey: string, slug: string) => `/${issueKey}/${slug}/`,
  /** A photo or attachment of the body on the page at `pageUrl`, without its extension (src/site/files.ts adds it). */
  bodyFile: (pageUrl: string, name: string) => `${pageUrl}${name}`,
  category: (slug: string) => `/categories/${slug}/`,
  unit: (slug: string) => `/units/${slug}/`,
  year: (year: number) => `/years/${year}/`,
  statsYear: (year: number) => `/stats/${year}/`,
};
