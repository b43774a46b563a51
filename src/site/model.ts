/**
 * The site structure: every page a reader can reach, with its URL and what it lists.
 * Built from the content model by pure functions; the layouts only display it.
 */
import type { IsoDate, SiteConfig } from '../content/index.ts';
import type { FooterLine } from './footer.ts';

/** Where the site is published (\`SITE_URL\`, else site.yaml's \`url\`; src/pipeline/site-address.ts). */
export interface SiteAddress {
  /** Absolute, ending in `/`: `https://example.gov.cn/bulletin/`. */
  url: string;
  /** The URL's path, ending in `/`: `/bulletin/`, or `/` at the root of a host. */
  pathPrefix: string;
}

/** A link to another page. URLs are root-relative and end in `/` (or `.html` for the 404 page). */
export interface Link {
  url: string;
  title: string;
}

/** A term as shown beside an item: 来源单位 or 栏目. */
export interface TermLink extends Link {
  name: string;
}

export interface ItemPage {
  url: string;
  /** Id of the item's section on its issue page, stable when items are reordered. */
  anchor: string;
  /** Source file, relative to the content folder. */
  file: string;
  title: string;
  date: IsoDate;
  /** `2021年1月23日` */
  dateText: string;
  unit: TermLink;
  category: TermLink;
  /** Issue it belongs to, titled `2021年第3期`. */
  issue: Link & { number: number; year: number };
  /** Sanitized HTML of the body. */
  html: string;
  /** Plain text of the body, whitespace folded. */
  text: string;
  /** Stands for `html` and `text` in the page's fingerprint: the key of the body's render job. */
  bodyKey: string;
  /** The first sentences of `text`, for lists. */
  excerpt: string;
  /** Neighbours within the issue. */
  prev: Link | undefined;
  next: Link | undefined;
  draft: boolean;
}

/**
 * What a list shows of an item (layouts/_includes/item-summary.njk), and all it is given: a list
 * page's fingerprint then covers exactly what it shows, so a neighbour's new prev/next link or an
 * edited body past the excerpt leaves the lists as they are.
 */
export type ItemSummary = Pick<ItemPage, 'url' | 'title' | 'date' | 'dateText' | 'unit' | 'category' | 'excerpt'>;

export interface IssuePage {
  url: string;
  key: string;
  year: number;
  number: number;
  /** `2021年第3期` */
  label: string;
  /** The issue's own title, when its index.md gives one. */
  title: string | undefined;
  date: IsoDate;
  dateText: string;
  /** Sanitized HTML of the editor's note; empty when there is none. */
  noteHtml: string;
  items: ItemPage[];
  /** The 报尾 after the last item, when the issue's front-matter gives any of it. */
  colophon: ColophonView | undefined;
  /** URL of the issue printed to PDF, when the site offers one (`npm run build -- --pdf`). */
  pdf: string | undefined;
  /** Older issue. */
  prev: Link | undefined;
  /** Newer issue. */
  next: Link | undefined;
}

/** The 报尾 as printed: `报送：区委办公室，区政府办公室。` lines, then 共印N份. */
export interface ColophonView {
  /** Only the lines given, in the order 报送, 抄送, 发送. */
  lines: { label: '报送' | '抄送' | '发送'; text: string }[];
  copies: number | undefined;
}

export interface YearOfIssues {
  year: number;
  issues: IssuePage[];
}

export interface PageLink {
  /** The page's number; undefined for the list's newest page (shown as 最新). */
  number: number | undefined;
  url: string;
  current: boolean;
  /** Pages are left out between the link before and this one (shown as …). */
  gap: boolean;
}

/**
 * Where a page stands in its list (src/site/paginate.ts): numbered pages are counted from the
 * oldest and keep their items as the list grows; the list's own URL shows the newest items.
 */
export interface Pagination {
  /** 1 for the oldest items; undefined on the newest page. */
  pageNumber: number | undefined;
  /** Items on all pages together, on the newest page only (a numbered page never changes with it). */
  total: number | undefined;
  /** The list's newest page, its own URL. */
  newest: string;
  /** The page of its oldest items (the newest page itself when it is the only one). */
  oldest: string;
  /** The page of the newer items before this one's. */
  prev: string | undefined;
  /** The page of the older items after this one's. */
  next: string | undefined;
  /** Links to show, newest first: the newest page, page 1 and two on each side of this one; a jump is a gap (…). Empty for a single page. */
  pages: PageLink[];
}

export type ListingKind = 'archive' | 'category' | 'unit' | 'year';

/** One page of a paginated list of items, newest first. */
export interface ListingPage {
  url: string;
  kind: ListingKind;
  /** What is listed: the term's name, or 全部信息 for the archive. */
  name: string;
  /** Heading of the list, e.g. `栏目：疫情防控`. */
  heading: string;
  /** `<title>`, with the page number on a numbered page. */
  title: string;
  items: ItemSummary[];
  pagination: Pagination;
  /** The index page this list belongs to, when it is a taxonomy. */
  parent: Link | undefined;
}

export interface TermCount {
  name: string;
  /** Other names of it (a unit's aliases in units.yaml), which search also knows it by. */
  aliases: string[];
  url: string;
  count: number;
}

/** The pages that list every category, unit or year with its number of items. */
export interface TermIndexPage {
  url: string;
  kind: Exclude<ListingKind, 'archive'>;
  title: string;
  terms: TermCount[];
}

export interface Site {
  config: SiteConfig;
  /** Published items in issue order (issue by issue, oldest issue first). */
  items: ItemPage[];
  /** The same items newest first, the archive's order (feeds take the first of them). */
  newest: ItemPage[];
  /** Newest issue first. */
  issues: IssuePage[];
  latestIssue: IssuePage | undefined;
  /** Newest year first. */
  issueYears: YearOfIssues[];
  /** The archive and every taxonomy list, all their pages. */
  listings: ListingPage[];
  termIndexes: TermIndexPage[];
  /** The 信息采用情况 pages and their CSV files. */
  stats: Stats;
  /** Main navigation, in order. */
  nav: Link[];
  /** Every page for the sitemap (not the 404 page, the feed or the CSV files), sorted. */
  pageUrls: string[];
  /** The bodies' photos and attachments, as published (src/site/files.ts), in page order. */
  files: OutputFile[];
  /** What every page's footer says (src/site/footer.ts). */
  footer: FooterLine[];
}

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp';

/** A file the site publishes for a body: a content file copied as it is, or one width of an image. */
export interface OutputFile {
  url: string;
  /** Relative to the content folder. */
  source: string;
  /** Of the source's bytes (LinkedFile.hash): the same hash, the same output. */
  hash: string;
  /** The image made from the source; without it the source is copied byte for byte. */
  image?: { width: number; height: number; format: ImageFormat };
}

/**
 * The pages of the paginated templates (items, issues, listings, and the statistics' pages and
 * CSV files) to render in one build: all of them, or only those that changed when the rest is
 * reused from an earlier build. A build concern, so it goes beside the `Site`, never inside it.
 */
export interface RenderSet {
  items: ItemPage[];
  issues: IssuePage[];
  listings: ListingPage[];
  stats: StatsPage[];
  csv: CsvFile[];
}

/** One bar of a horizontal bar chart drawn at build time; lengths in em scale with the text. */
export interface Bar {
  label: string;
  value: number;
  /** Bar length in % of the chart's width; the longest bar leaves room for its value. */
  width: number;
  /** Baselines of the label and the value, and the top of the bar, in em from the chart's top. */
  labelY: number;
  valueY: number;
  barY: number;
}

export interface BarChart {
  /** Accessible name of the chart. */
  title: string;
  /** In em. */
  height: number;
  barHeight: number;
  bars: Bar[];
}

export interface StatsRow {
  label: string;
  /** The term's list of items, when the row is a unit or category. */
  url: string | undefined;
  /** One count per column. */
  values: number[];
  total: number;
}

/** A table of counts: rows (units, categories, years or months) by columns (years or months). */
export interface StatsTable {
  /** Id on the page, e.g. `units`. */
  id: string;
  /** `2021年各来源单位信息采用数` */
  caption: string;
  /** Header of the row labels, e.g. `来源单位`. */
  rowHeader: string;
  columns: string[];
  /** Largest total first; years and months in time order. */
  rows: StatsRow[];
  /** The 合计 row. */
  totals: { values: number[]; total: number };
  /** The rows' totals, drawn. */
  chart: BarChart;
  csv: { url: string; filename: string };
}

export interface StatsPage {
  url: string;
  /** `信息采用情况` or `2021年信息采用情况` */
  title: string;
  /** The year the page counts, undefined for the overview of all years. */
  year: number | undefined;
  /** Items counted on the page and the issues they appeared in. */
  items: number;
  issues: number;
  tables: StatsTable[];
  /** The overview, then each year, newest first. */
  links: (Link & { current: boolean })[];
}

export interface CsvFile {
  url: string;
  /** UTF-8 text starting with a byte order mark, lines ending in CRLF: Excel and WPS read it as Chinese. */
  text: string;
}

export interface Stats {
  pages: StatsPage[];
  csv: CsvFile[];
}
