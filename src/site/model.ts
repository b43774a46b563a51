/**
 * The site structure: every page a reader can reach, with its URL and what it lists.
 * Built from the content model by pure functions; the layouts only display it.
 */
import type { IsoDate, SiteConfig } from '../content/model.ts';

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
  /** The first sentences of `text`, for lists. */
  excerpt: string;
  /** Neighbours within the issue. */
  prev: Link | undefined;
  next: Link | undefined;
  draft: boolean;
}

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
  /** Older issue. */
  prev: Link | undefined;
  /** Newer issue. */
  next: Link | undefined;
}

export interface YearOfIssues {
  year: number;
  issues: IssuePage[];
}

export interface PageLink {
  number: number;
  url: string;
  current: boolean;
}

export interface Pagination {
  /** 1-based. */
  pageNumber: number;
  pageCount: number;
  /** Items on all pages together. */
  total: number;
  first: string;
  last: string;
  prev: string | undefined;
  next: string | undefined;
  /** Numbered links, ascending: the first, the last and two on each side of the current page; a jump in numbers is a gap (…). */
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
  /** `<title>`, with the page number after the first page. */
  title: string;
  items: ItemPage[];
  pagination: Pagination;
  /** The index page this list belongs to, when it is a taxonomy. */
  parent: Link | undefined;
}

export interface TermCount {
  name: string;
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
  /** Newest issue first. */
  issues: IssuePage[];
  latestIssue: IssuePage | undefined;
  /** Newest year first. */
  issueYears: YearOfIssues[];
  /** The archive and every taxonomy list, all their pages. */
  listings: ListingPage[];
  termIndexes: TermIndexPage[];
  /** Main navigation, in order. */
  nav: Link[];
}
