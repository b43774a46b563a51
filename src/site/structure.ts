/**
 * Content model → site structure: every page, its URL and what it lists. Pure: the Markdown
 * renderer is passed in, and the same content always gives the same site.
 */
import { type Content, fileOrder, formatChineseDate, type Issue, type Item, type Term } from '../content/index.ts';
import type { RenderMarkdown } from '../markdown/index.ts';
import { bodyTargets, itemAnchor, itemFiles, itemRenderJob, noteFiles, noteRenderJob, published, type PublishOptions } from './body-links.ts';
import { colophonView } from './colophon.ts';
import { footerLines } from './footer.ts';
import { groupBy } from './group-by.ts';
import type { IssuePage, ItemPage, ItemSummary, Link, ListingKind, ListingPage, OutputFile, Site, TermIndexPage, TermLink, YearOfIssues } from './model.ts';
import { paginate } from './paginate.ts';
import { buildStats } from './stats.ts';
import { urls } from './urls.ts';

/** Renders a body: `renderAll`'s lookup of the jobs `renderJobs` lists, or a stand-in that renders nothing. */
export type { RenderMarkdown };

export interface BuildOptions extends PublishOptions {
  /** Each issue is offered as a PDF too (`npm run build -- --pdf`; the pipeline prints them). */
  pdf?: boolean;
}

const EXCERPT_LENGTH = 90;

interface TaxonomyTerm {
  name: string;
  aliases?: string[];
  url: string;
  heading: string;
  items: ItemPage[];
}

/** The opening of a body for lists: whole sentences when they fit, else cut with an ellipsis. */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const end = Math.max(...['。', '！', '？', '；'].map((mark) => head.lastIndexOf(mark)));
  return end >= max / 2 ? head.slice(0, end + 1) : `${head}…`;
}

const issueLabel = (issue: Issue) => `${issue.year}年第${issue.number}期`;

/**
 * Position within an issue: `order:`, else the number the file name starts with; at equal
 * numbers an explicit `order:` goes first (a clerk who writes order: 1 means first), then the
 * file name decides.
 */
function compareInIssue(a: Item, b: Item): number {
  const rank = (item: Item) => item.order ?? fileOrder(item.file.split('/')[2]!) ?? Number.POSITIVE_INFINITY;
  const explicit = (item: Item) => (item.order === undefined ? 1 : 0);
  return rank(a) - rank(b) || explicit(a) - explicit(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

/** Newest first: by date, then by issue, then by position in the issue. */
function compareNewest(a: ItemPage, b: ItemPage, position: Map<ItemPage, number>): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  if (a.issue.url !== b.issue.url) return b.issue.year - a.issue.year || b.issue.number - a.issue.number;
  return position.get(a)! - position.get(b)!;
}

function link(page: { url: string; title: string } | undefined): Link | undefined {
  return page && { url: page.url, title: page.title };
}

export function buildSite(content: Content, render: RenderMarkdown, options: BuildOptions = {}): Site {
  const { units } = content;
  const shown = published(content, options);
  const targets = bodyTargets(content, options);
  const files = new Map<string, OutputFile>();
  const publish = (outputs: readonly OutputFile[]) => {
    for (const output of outputs) files.set(output.url, output);
  };
  const termLink = (terms: Term[], url: (slug: string) => string) => {
    const bySlug = new Map(terms.map((t) => [t.name, { name: t.name, title: t.name, url: url(t.slug) } satisfies TermLink]));
    return (name: string) => bySlug.get(name)!;
  };
  const unitLink = termLink(units, urls.unit);
  const categoryLink = termLink(content.categories, urls.category);

  const itemsByIssue = groupBy(shown.items, (item) => item.issue);
  // An issue is shown once it has a published item; an empty folder is one still being prepared.
  const issues = shown.issues.toSorted((a, b) => b.year - a.year || b.number - a.number);

  const issuePages: IssuePage[] = issues.map((issue) => {
    const url = urls.issue(issue.key);
    const label = issueLabel(issue);
    const items = itemsByIssue.get(issue.key)!.sort(compareInIssue).map((item): ItemPage => {
      const files = itemFiles(item, targets);
      const { html, text, key } = render(itemRenderJob(item, targets, files));
      publish(files.outputs);
      return {
        url: urls.item(issue.key, item.slug),
        anchor: itemAnchor(item),
        file: item.file,
        title: item.title,
        date: item.date,
        dateText: formatChineseDate(item.date),
        unit: unitLink(item.unit),
        category: categoryLink(item.category),
        issue: { url, title: label, year: issue.year, number: issue.number },
        html,
        text,
        bodyKey: key,
        excerpt: excerpt(text),
        prev: undefined,
        next: undefined,
        draft: item.draft,
      };
    });
    items.forEach((item, i) => {
      item.prev = link(items[i - 1]);
      item.next = link(items[i + 1]);
    });
    const noteFilePlan = issue.note ? noteFiles(issue, targets) : undefined;
    if (noteFilePlan) publish(noteFilePlan.outputs);
    return {
      url,
      key: issue.key,
      year: issue.year,
      number: issue.number,
      label,
      title: issue.title,
      date: issue.date,
      dateText: formatChineseDate(issue.date),
      noteHtml: noteFilePlan ? render(noteRenderJob(issue, targets, noteFilePlan)).html : '',
      items,
      colophon: colophonView(issue.colophon),
      pdf: options.pdf ? urls.issuePdf(issue.key) : undefined,
      prev: undefined,
      next: undefined,
    };
  });
  issuePages.forEach((issue, i) => {
    const asLink = (page: IssuePage | undefined) => page && { url: page.url, title: page.label };
    issue.prev = asLink(issuePages[i + 1]);
    issue.next = asLink(issuePages[i - 1]);
  });

  const items = issuePages.toReversed().flatMap((issue) => issue.items);
  const position = new Map(items.map((item, i) => [item, i]));
  const newest = items.toSorted((a, b) => compareNewest(a, b, position));

  const pageSize = content.site.pageSize;
  const listings: ListingPage[] = [];
  // One summary per item, shared by the four lists it is in.
  const summaries = new Map(newest.map((item): [ItemPage, ItemSummary] => {
    const { url, title, date, dateText, unit, category, excerpt } = item;
    return [item, { url, title, date, dateText, unit, category, excerpt }];
  }));
  const addListing = (kind: ListingKind, name: string, heading: string, base: string, list: ItemPage[], parent?: Link) => {
    for (const page of paginate(list.map((item) => summaries.get(item)!), pageSize, base)) {
      const n = page.pagination.pageNumber;
      listings.push({ ...page, kind, name, heading, title: n === undefined ? heading : `${heading}（第${n}页）`, parent });
    }
  };
  addListing('archive', '全部信息', '全部信息', urls.archive, newest);

  const termIndexes: TermIndexPage[] = [];
  const addTaxonomy = (kind: TermIndexPage['kind'], title: string, url: string, terms: TaxonomyTerm[]) => {
    const parent = { url, title };
    for (const term of terms) addListing(kind, term.name, term.heading, term.url, term.items, parent);
    termIndexes.push({ url, kind, title, terms: terms.map(({ name, aliases = [], url, items }) => ({ name, aliases, url, count: items.length })) });
  };
  const byCategory = groupBy(newest, (item) => item.category.name);
  const byUnit = groupBy(newest, (item) => item.unit.name);
  // A year is the bulletin's year: 2021年第1期 belongs to 2021 even if an item in it is dated 2020-12-31.
  const byYear = groupBy(newest, (item) => item.issue.year);
  addTaxonomy(
    'category',
    '栏目',
    urls.categories,
    content.categories.map((c) => ({ name: c.name, url: urls.category(c.slug), heading: `栏目：${c.name}`, items: byCategory.get(c.name) ?? [] })),
  );
  addTaxonomy(
    'unit',
    '来源单位',
    urls.units,
    units.map((u) => ({ name: u.name, aliases: u.aliases, url: urls.unit(u.slug), heading: `来源单位：${u.name}`, items: byUnit.get(u.name) ?? [] })),
  );
  addTaxonomy(
    'year',
    '年份',
    urls.years,
    [...byYear].map(([year, items]) => ({ name: `${year}年`, url: urls.year(year), heading: `${year}年`, items })),
  );

  const issueYears: YearOfIssues[] = [...groupBy(issuePages, (issue) => issue.year)].map(([year, list]) => ({
    year,
    issues: list,
  }));

  const stats = buildStats({
    issues: issuePages,
    units: units.map((unit) => unitLink(unit.name)),
    categories: content.categories.map((category) => categoryLink(category.name)),
  });
  const pageUrls = [urls.home, urls.issues, urls.search, ...[items, issuePages, listings, termIndexes, stats.pages].flatMap((pages) => pages.map((p) => p.url))];
  return {
    config: content.site,
    items,
    newest,
    issues: issuePages,
    latestIssue: issuePages[0],
    issueYears,
    listings,
    termIndexes,
    stats,
    nav: [
      { url: urls.home, title: '首页' },
      { url: urls.issues, title: '往期简报' },
      { url: urls.archive, title: '全部信息' },
      { url: urls.categories, title: '栏目' },
      { url: urls.units, title: '来源单位' },
      { url: urls.years, title: '年份' },
      { url: urls.stats, title: '采用统计' },
    ],
    pageUrls: pageUrls.sort(),
    files: [...files.values()],
    footer: footerLines(content.site),
  };
}
