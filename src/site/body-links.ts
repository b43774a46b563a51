/**
 * What the links of a body point at on the site. A link to another item's or issue's Markdown
 * file becomes that page's URL when the body is rendered; and before anything is rendered, every
 * link to a page of the site, to a Markdown file or to a place in the body is checked, so that
 * `npm run check` and the build refuse the same links with the same message, at file and line.
 */
import { linkedFile, type BodyLink, type BodyLinks, type Content, type Issue, type Item, type LinkedFile, type Problem } from '../content/index.ts';
import type { RenderJob } from '../markdown/index.ts';
import { bodyFilePlan, type BodyFilePlan } from './files.ts';
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

/** What a body's links resolve against: the pages of the site by content file, and the files the bodies may publish. */
export interface BodyTargets {
  pages: ReadonlyMap<string, string>;
  files: ReadonlyMap<string, LinkedFile>;
}

export const bodyTargets = (content: Content, options: PublishOptions): BodyTargets => ({ pages: pagesByFile(content, options), files: content.files });

const NO_FILES: BodyFilePlan = { views: {}, outputs: [] };

/**
 * Plans made, by the files of a load and the body: a build asks for each twice (its render job,
 * then its page), and a plan names its files in pinyin (200 photos: about 20 ms a time). A load's
 * `files` map is made whole and never changed after, so a plan holds for as long as it lives.
 */
const plans = new WeakMap<ReadonlyMap<string, LinkedFile>, WeakMap<Item | Issue, BodyFilePlan>>();

/** The photos and attachments of a body, published under `pageUrl` (the body's own page: always the same for one body). */
function filesOf(body: Item | Issue, pageUrl: string, targets: BodyTargets): BodyFilePlan {
  if (!body.links.links.some((link) => link.target.kind === 'file')) return NO_FILES;
  let byBody = plans.get(targets.files);
  if (!byBody) plans.set(targets.files, (byBody = new WeakMap()));
  let plan = byBody.get(body);
  if (!plan) byBody.set(body, (plan = bodyFilePlan(body.file, body.links, pageUrl, targets.files)));
  return plan;
}

export const itemFiles = (item: Item, targets: BodyTargets) => filesOf(item, urls.item(item.issue, item.slug), targets);
export const noteFiles = (issue: Issue, targets: BodyTargets) => filesOf(issue, urls.issue(issue.key), targets);

function job(source: string, idPrefix: string, body: Item | Issue, files: BodyFilePlan, targets: BodyTargets): RenderJob {
  const views = Object.keys(files.views).length > 0 ? { files: files.views } : {};
  return { source, idPrefix, pageLinks: pageLinksOf(body.file, body.links, targets.pages), ...views };
}

/** The render job of an item's body; `files` its photos and attachments, when the caller has them already. */
export const itemRenderJob = (item: Item, targets: BodyTargets, files = itemFiles(item, targets)): RenderJob => job(item.body, `${itemAnchor(item)}-`, item, files, targets);
export const noteRenderJob = (issue: Issue, targets: BodyTargets, files = noteFiles(issue, targets)): RenderJob => job(issue.note, NOTE_ID_PREFIX, issue, files, targets);

/** Every body a site of `content` renders: the items', and the issues' notes. */
export function renderJobs(content: Content, options: PublishOptions = {}): RenderJob[] {
  const targets = bodyTargets(content, options);
  return [...content.items.map((item) => itemRenderJob(item, targets)), ...content.issues.filter((issue) => issue.note).map((issue) => noteRenderJob(issue, targets))];
}

/** Every address of the site a body may link to: its pages and the files beside them. */
function siteAddresses(site: Site): Set<string> {
  const files = [urls.notFound, urls.sitemap, urls.robots, urls.stylesheet, urls.textSizeScript, urls.printScript, urls.favicon, urls.faviconSvg, urls.searchScript, ...site.stats.csv.map((csv) => csv.url)];
  return new Set([...site.pageUrls, ...files, ...site.files.map((file) => file.url), ...(site.newest.length > 0 ? [urls.feed] : [])]);
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
 * place the body does not define.
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
  const what = link.kind === 'image' ? '图片' : '链接';
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
      // A photo or attachment: the content check has judged it (src/content/link-targets.ts).
      if (file === undefined) return undefined;
      if (known.pages.has(file)) return undefined;
      const other = known.files.get(file);
      if (!other) return undefined; // Not a file of the content: the content check names it.
      return other.draft
        ? `链接“${link.url}”指向的是草稿（draft: true），网站不会发布它：请等它发布后再加这个链接，或删去这个链接`
        : `链接“${link.url}”指向的一期还没有发布的信息，网站上还没有这一页：请等它发布后再加这个链接，或删去这个链接`;
    }
  }
}
