/**
 * Reads the content folder into the content model. Nothing is written and nothing throws on
 * bad input: every problem in every file comes back as a diagnostic, so a clerk sees them all
 * at once. Each kind of file has its own module; this one puts them in order.
 */
import { createHash } from 'node:crypto';
import { checkCollisions } from './collisions.ts';
import { listContent, reportUnreadFiles, sortContentFiles, type ContentListing } from './content-folder.ts';
import { BodyFiles } from './link-targets.ts';
import { loadIssue } from './issue-file.ts';
import { loadItem, type ItemContext } from './item-file.ts';
import type { LoadMemo } from './memo.ts';
import type { Content, Diagnostic, FindLinks, IsoDate, Issue, Item, SiteConfig, Term } from './model.ts';
import { Reporter } from './reporter.ts';
import { DEFAULT_MAX_FILE_MB, itemSchema, Vocabulary } from './schema.ts';
import { CATEGORIES_FILE, loadSite, loadTerms, UNITS_FILE, withOffice } from './settings.ts';
import { dateFarFromIssue, farFutureDate, repeatedTitles, type DatedItem, type TitledFile } from './warnings.ts';

export interface LoadResult {
  /** Undefined when any error was found. */
  content: Content | undefined;
  /** Errors and warnings, in file order. */
  diagnostics: Diagnostic[];
  /**
   * What loaded without error even when something else failed, for the tools that add content
   * (`new`, `import`): one clerk's broken item must not stop another from adding theirs.
   */
  loaded: { site?: SiteConfig; units?: Term[]; categories?: Term[]; issues: Issue[] };
}

export interface LoadOptions {
  /** Finds the links and images of a body: the Markdown stage's `findBodyLinks`. */
  findLinks: FindLinks;
  /** Diagnostics name files relative to this folder (the project root). */
  root?: string;
  /** Today's date in China. When given, item dates more than 30 days after it are warned about. */
  today?: IsoDate;
  /**
   * For a caller that loads the same folder again and again (the dev server): the same memo
   * passed to every call lets a file whose text is unchanged skip parsing and validation. The
   * result is the same as without it.
   */
  memo?: LoadMemo;
  /**
   * With a memo: the files (relative to the content folder) that may have changed since its last
   * load, when the caller knows them (the dev server's file watcher). The memo's other files are
   * then taken as they were, without reading them again. Without it every file is read.
   */
  changedFiles?: ReadonlySet<string>;
}

export async function loadContent(contentDir: string, options: LoadOptions): Promise<LoadResult> {
  const report = new Reporter(contentDir, options.root ?? process.cwd());
  const { changedFiles, findLinks } = options;
  const unchanged = (file: string) => changedFiles !== undefined && !changedFiles.has(file);
  const loadedSite = await loadSite(contentDir, report);
  const site = loadedSite?.site;
  const listed = await loadTerms(contentDir, UNITS_FILE, report);
  const units = listed && loadedSite ? withOffice(listed, loadedSite, report) : listed;
  const categories = await loadTerms(contentDir, CATEGORIES_FILE, report);
  let listing: ContentListing = { markdown: [], others: [], linked: new Set() };
  try {
    listing = listContent(contentDir, report);
  } catch {
    report.error('', `找不到内容目录 ${report.display('')}`);
  }
  const files = listing.markdown;
  const { issueFiles, itemFiles } = sortContentFiles(files, report);
  const bodyFiles = new BodyFiles({
    contentDir,
    maxBytes: (site?.maxFileMB ?? DEFAULT_MAX_FILE_MB) * 1024 * 1024,
    inspectedBefore: options.memo?.files ?? new Map(),
    inspected: new Map(),
  });

  const present = new Set(files);
  const issues: Issue[] = [];
  for (const file of [...issueFiles].sort()) {
    if (!present.has(file)) continue;
    const issue = await loadIssue(contentDir, file, findLinks, report, { memo: options.memo?.issues, unchanged: unchanged(file) }, bodyFiles);
    if (issue) issues.push(issue);
  }

  // Items are checked even when a list failed to load, so every file's problems show at once.
  const unitNames = units && new Vocabulary(units);
  const schema = itemSchema(unitNames, categories && new Vocabulary(categories));
  const office = (site && unitNames?.resolve(site.office)) ?? site?.office ?? '';
  const context: ItemContext = {
    schema,
    office,
    today: options.today,
    findLinks,
    // Hashed: the memo keeps it beside each of 20,000 items, where the text (2 KB) was half of its 84 MB.
    key: createHash('sha256').update(JSON.stringify([units ?? null, categories ?? null, office, options.today ?? null])).digest('base64url'),
  };
  const items: Item[] = [];
  const titles: TitledFile[] = [];
  const dated: DatedItem[] = [];
  for (const file of itemFiles) {
    const item = await loadItem(contentDir, file, context, titles, dated, report, { memo: options.memo?.items, unchanged: unchanged(file) }, bodyFiles);
    if (item) items.push(item);
  }
  options.memo?.issues.keepOnly(present);
  options.memo?.items.keepOnly(present);
  if (options.memo) options.memo.files = bodyFiles.context.inspected;
  checkCollisions(issues, items, report);
  reportUnreadFiles(listing, bodyFiles.referenced, report);
  for (const { file, problem } of repeatedTitles(titles)) report.add(file.file, [problem]);
  const issueDates = new Map(issues.map((issue) => [issue.key, issue.date]));
  for (const entry of dated) {
    // A date far in the future is warned about already, whatever its issue.
    if (options.today !== undefined && farFutureDate(entry.item.date, options.today, entry.at)) continue;
    const problem = dateFarFromIssue(entry, issueDates.get(entry.item.issue));
    if (problem) report.add(entry.item.file, [problem]);
  }

  const failed = report.diagnostics.some((d) => d.severity === 'error');
  const content = failed || !site || !units || !categories ? undefined : { site, units, categories, issues, items, files: bodyFiles.files };
  return { content, diagnostics: report.sorted(), loaded: { site, units, categories, issues } };
}
