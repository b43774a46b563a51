/**
 * What the links of a body point at on the site. A link to another item's or issue's Markdown
 * file becomes that page's URL when the body is rendered; and before anything is rendered, every
 * link to a page of the site, to a Markdown file or to a place in the body is checked, so that
 * `npm run check` and the build refuse the same links with the same message, at file and line.
 */
import { linkedFile, type BodyLink, type BodyLinks, type Content, type Issue, type Item, type Problem } from '../content/index.ts';
import type { RenderJob } from '../markdown/index.ts';
import type { Site } from './model.ts';
import { urls } from './urls.ts';

export interface PublishOptions {
  /** Drafts are pages too (the dev server's preview). */
  drafts?: boolean;
}

/** The id of an item's section on its issue page; the ids its body defines start with it too. */
export const itemAnchor = (item: Pick<Item, 'slug'>): string => `item-${item.slug}`;
const NOTE_ID_PREFIX = 'note-';

/** The items and issues a site of `content` shows: an issue once it has a published item. */
export function published(content: Content, options: PublishOptions): { items: Item[]; issues: Issue[] } {
  const shown = <T extends { draft: boolean }>(list: readonly T[]) => list.filter((x) => options.drafts || !x.draft);
  const items = shown(content.items);
  const withItems = new Set(items.map((item) => item.issue));
  const issues = shown(content.issues).filter((issue) => withItems.has(issue.key));
  const shownIssues = new Set(issues.map((issue) => issue.key));
  return { items: items.filter((item) => shownIssues.has(item.issue)), issues };
}

/** Content file → the URL of the page it is published as: `2021/03/01-huiyi.md` → `/2021/03/huiyi/`. */
export function pagesByFile(content: Content, options: PublishOptions): Map<string, string> {
  const { items, issues } = published(content, options);
  return new Map([...issues.map((issue) => [issue.file, urls.issue(issue.key)] as const), ...items.map((item) => [item.file, urls.item(item.issue, item.slug)] as const)]);
}

/** The content file a link to a Markdown file names, relative to the content folder; undefined for other links. */
function markdownFileOf(link: BodyLink, from: string): string | undefined {
  if (link.target.kind !== 'file' || !/\.md$/i.test(link.target.path)) return undefined;
  return linkedFile(from, link.target.path);
}

function pageLinksOf(file: string, links: BodyLinks, pages: ReadonlyMap<string, string>): Record<string, string> {
  const pageLinks: Record<string, string> = {};
  for (const link of links.links) {
    const url = pages.get(markdownFileOf(link, file) ?? '');
    if (url !== undefined && link.target.kind === 'file') pageLinks[link.target.path] = url;
  }
  return pageLinks;
}

export const itemRenderJob = (item: Item, pages: ReadonlyMap<string, string>): RenderJob => ({
  source: item.body,
  idPrefix: `${itemAnchor(item)}-`,
  pageLinks: pageLinksOf(item.file, item.links, pages),
});

export const noteRenderJob = (issue: Issue, pages: ReadonlyMap<string, string>): RenderJob => ({
  source: issue.note,
  idPrefix: NOTE_ID_PREFIX,
  pageLinks: pageLinksOf(issue.file, issue.links, pages),
});

/** Every body a site of `content` renders: the items', and the issues' notes. */
export function renderJobs(content: Content, options: PublishOptions = {}): RenderJob[] {
  const pages = pagesByFile(content, options);
  return [...content.items.map((item) => itemRenderJob(item, pages)), ...content.issues.filter((issue) => issue.note).map((issue) => noteRenderJob(issue, pages))];
}

/** Every address of the site a body may link to: its pages and the files beside them. */
function siteAddresses(site: Site): Set<string> {
  const files = [urls.notFound, urls.sitemap, urls.robots, urls.stylesheet, urls.textSizeScript, urls.searchScript, ...site.stats.csv.map((csv) => csv.url)];
  return new Set([...site.pageUrls, ...files, ...(site.newest.length > 0 ? [urls.feed] : [])]);
}

/** A content file's problems. */
export interface FileProblems {
  /** Relative to the content folder. */
  file: string;
  problems: Problem[];
}

/**
 * Links of every published body that lead nowhere on `site` (built from `content` with the same
 * options): a page that does not exist, a Markdown file that is no published item or issue, a
 * place the body does not define; and, until the site can publish them, images and attachments.
 */
export function checkBodyLinks(content: Content, site: Site, options: PublishOptions = {}): FileProblems[] {
  const addresses = siteAddresses(site);
  const pages = pagesByFile(content, options);
  const files = new Map<string, Item | Issue>([...content.items.map((item) => [item.file, item] as const), ...content.issues.map((issue) => [issue.file, issue] as const)]);
  const { items, issues } = published(content, options);
  const bodies = [...issues.filter((issue) => issue.note), ...items];
  const found: FileProblems[] = [];
  for (const body of bodies) {
    const problems = body.links.links.flatMap((link): Problem[] => {
      const message = linkProblem(link, body, { addresses, pages, files });
      return message ? [{ line: body.bodyLine + link.line - 1, column: link.column, severity: 'error', message }] : [];
    });
    if (problems.length > 0) found.push({ file: body.file, problems });
  }
  return found;
}

interface Known {
  addresses: ReadonlySet<string>;
  pages: ReadonlyMap<string, string>;
  files: ReadonlyMap<string, Item | Issue>;
}

function linkProblem(link: BodyLink, body: Item | Issue, known: Known): string | undefined {
  const { target } = link;
  const what = link.image ? '图片' : '链接';
  switch (target.kind) {
    case 'external':
      return undefined;
    case 'fragment':
      return body.links.ids.includes(target.id)
        ? undefined
        : `${what}“${link.url}”在本篇正文中没有对应的位置：“#”后面应是本篇中脚注或 id 的名称，请核对，或删去这个链接`;
    case 'page': {
      const page = target.path.endsWith('/') || known.addresses.has(target.path) ? target.path : `${target.path}/`;
      return known.addresses.has(page)
        ? undefined
        : `${what}“${link.url}”指向的页面不存在：请核对网址；如果是还没有发布的一期或一条信息，请等它发布后再加这个链接，或链接到它的 .md 文件`;
    }
    case 'file': {
      const file = markdownFileOf(link, body.file);
      if (file === undefined) {
        return `${what}“${link.url}”还不能发布：网站暂不能发布正文中的图片和附件，请删去这个${what}，把附件另行印发`;
      }
      if (known.pages.has(file)) return undefined;
      const other = known.files.get(file);
      if (!other) return undefined; // Not a file of the content: the content check names it.
      return other.draft
        ? `链接“${link.url}”指向的是草稿（draft: true），网站不会发布它：请等它发布后再加这个链接，或删去这个链接`
        : `链接“${link.url}”指向的一期还没有发布的信息，网站上还没有这一页：请等它发布后再加这个链接，或删去这个链接`;
    }
  }
}
