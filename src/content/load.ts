/**
 * Reads the content folder into the content model. Nothing is written and nothing throws on
 * bad input: every problem in every file comes back as a diagnostic, so a clerk sees them all
 * at once.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { currentCodeVersion } from '../cache/hash.ts';
import { readCached, writeCached } from '../cache/store.ts';
import { readContentText, symlinkProblem } from './read-file.ts';
import { parseContentFile } from './frontmatter.ts';
import { localReferences, referenceProblems, type LocalReference } from '../markdown/references.ts';
import type { Content, Diagnostic, IsoDate, Issue, Item, SiteConfig, Term } from './model.ts';
import {
  check,
  ISSUE_KEYS,
  issueSchema,
  ITEM_KEYS,
  itemSchema,
  SITE_KEYS,
  siteSchema,
  TERM_KEYS,
  termListSchema,
  Vocabulary,
} from './schema.ts';
import { fileSlug, toSlug } from './slug.ts';
import { farFutureDate, longTitle, repeatedTitles, type TitledFile } from './warnings.ts';
import { parseYaml, type ParsedYaml, type Problem } from './yaml.ts';

export interface LoadResult {
  /** Undefined when any error was found. */
  content: Content | undefined;
  /** Errors and warnings, in file order. */
  diagnostics: Diagnostic[];
  /**
   * What loaded without error even when something else failed, for the tools that add content
   * (`new`, `import`): one clerk's broken item must not stop another from adding theirs.
   */
  found: { site?: SiteConfig; units?: Term[]; categories?: Term[]; issues: Issue[] };
}

export interface LoadOptions {
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

/** Where in a file something was written. */
type Place = { line: number; column: number };

/**
 * What validating one issue or item file found, from its text alone (and, for items, the
 * context: the lists, the office and today). Whether the local files its body links to exist
 * depends on other files, so only the links are kept here; they are looked up on every load.
 */
interface Checked<T> {
  /** Problems in the order found, before the local link targets are checked. */
  before: Problem[];
  links: LocalReference[];
  /** Line of the file on which the body starts, to place link problems. */
  bodyLine: number;
  /** Problems found after the link targets. */
  after: Problem[];
  /** An item's title as written, for the check of repeated titles across files. */
  title?: { title: string; at: Place };
  value: T | undefined;
}

/** By file: a hash of the text it was checked with (not the text: 4,000 items' text is 12 MB on disk), the context, the result. */
type Kept<T> = Map<string, { digest: string; context: string; checked: Checked<T> }>;

/** Checked files by path, each with the text and context it was checked with. */
class Shelf<T> {
  readonly #kept: Kept<T>;

  constructor(kept: Kept<T> = new Map()) {
    this.#kept = kept;
  }

  /** @internal What it keeps, plain data for the cache on disk. */
  get kept(): Kept<T> {
    return this.#kept;
  }

  /** What `file` gave when last checked with this text and context; otherwise checks it now. */
  recall(file: string, text: string, context: string, check: () => Checked<T>): Checked<T> {
    const kept = this.#kept.get(file);
    const digest = createHash('sha256').update(text).digest('base64url');
    if (kept && kept.digest === digest && kept.context === context) return kept.checked;
    const checked = check();
    this.#kept.set(file, { digest, context, checked });
    this.changed = true;
    return checked;
  }

  /** What `file` gave when last checked in this context, without its text. */
  peek(file: string, context: string): Checked<T> | undefined {
    const kept = this.#kept.get(file);
    return kept?.context === context ? kept.checked : undefined;
  }

  /** Forgets the files no longer in the folder. */
  keepOnly(files: ReadonlySet<string>): void {
    for (const file of this.#kept.keys()) {
      if (!files.has(file)) {
        this.#kept.delete(file);
        this.changed = true;
      }
    }
  }

  /** Whether anything was checked or forgotten since it was made. */
  changed = false;
}

/** Where a file's check comes from: the memo, and whether the caller vouches it is unchanged. */
interface Source<T> {
  shelf: Shelf<T> | undefined;
  unchanged: boolean;
}

/** The check of `file`: the memo's without reading it when it is known unchanged, else read and checked (or recalled). */
async function checkFile<T>(
  contentDir: string,
  file: string,
  report: Reporter,
  { shelf, unchanged }: Source<T>,
  context: string,
  check: (source: string) => Checked<T>,
): Promise<Checked<T> | undefined> {
  const kept = unchanged ? shelf?.peek(file, context) : undefined;
  if (kept) return kept;
  const source = await readText(contentDir, file, report);
  if (source === undefined) return undefined;
  return shelf ? shelf.recall(file, source, context, () => check(source)) : check(source);
}

/**
 * Results of earlier `loadContent` calls, kept by the caller between calls (`options.memo`).
 * A file is taken from it only when its text is the same as when it was checked, and for an
 * item, the lists, the editing office and `today` too. The settings files, the listing of the
 * folder, local link targets and every check across files run on each call.
 */
export class LoadMemo {
  /** @internal */
  readonly issues: Shelf<Issue>;
  /** @internal */
  readonly items: Shelf<Item>;

  constructor(kept?: { issues: Kept<Issue>; items: Kept<Item> }) {
    this.issues = new Shelf(kept?.issues);
    this.items = new Shelf(kept?.items);
  }

  /**
   * The memo kept in `cacheDir` by the last build, so that `npm run build` too validates only the
   * files that changed. Its name carries the code's version: what a check finds depends on it.
   */
  static read(cacheDir: string | undefined): LoadMemo {
    const kept = readCached(cacheDir, memoName()) as { issues: Kept<Issue>; items: Kept<Item> } | undefined;
    return new LoadMemo(kept?.issues instanceof Map && kept.items instanceof Map ? kept : undefined);
  }

  /** Writes the memo for the next build, unless it is what was read. */
  async save(cacheDir: string): Promise<void> {
    if (!this.issues.changed && !this.items.changed) return;
    await writeCached(cacheDir, memoName(), { issues: this.issues.kept, items: this.items.kept }, 'load-');
  }
}

const memoName = () => `load-${currentCodeVersion()}.bin`;

const YEAR = /^\d{4}$/;
const NUMBER = /^\d{1,3}$/;

class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly contentDir: string,
    private readonly root: string,
  ) {}

  /** Path to show for a file given relative to the content folder. */
  display(relative: string): string {
    return path.relative(this.root, path.join(this.contentDir, relative)).split(path.sep).join('/');
  }

  add(relative: string, problems: readonly Problem[]): void {
    for (const problem of problems) this.diagnostics.push({ file: this.display(relative), ...problem });
  }

  error(relative: string, message: string, line = 1, column = 1): void {
    this.add(relative, [{ line, column, severity: 'error', message }]);
  }
}

/** Markdown files, relative; a `.md` symlink is listed and judged when read, any other symlink here. */
async function listMarkdown(dir: string, report: Reporter, prefix = ''): Promise<string[]> {
  // Synchronous for the reason files.ts reads so: hundreds of issue folders, one after another.
  const entries = readdirSync(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || (prefix === '' && entry.name.startsWith('_'))) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listMarkdown(dir, report, relative)));
    else if (entry.name.toLowerCase().endsWith('.md')) files.push(relative);
    else if (entry.isSymbolicLink()) {
      const problem = await symlinkProblem(dir, path.join(dir, relative));
      if (problem) report.error(relative, problem);
    }
  }
  return files;
}

async function readText(contentDir: string, relative: string, report: Reporter): Promise<string | undefined> {
  const read = await readContentText(contentDir, path.join(contentDir, relative)).catch(() => undefined);
  if (!read) {
    report.error(relative, `找不到文件 ${report.display(relative)}：请按 README 中的内容结构创建它`);
    return undefined;
  }
  report.add(relative, read.problems);
  return read.text;
}

const SITE_FILE = '_data/site.yaml';

async function loadSite(contentDir: string, report: Reporter): Promise<{ site: SiteConfig; yaml: ParsedYaml } | undefined> {
  const source = await readText(contentDir, SITE_FILE, report);
  if (source === undefined) return undefined;
  const yaml = parseYaml(source);
  const { value, problems } = check(siteSchema, yaml, SITE_KEYS);
  report.add(SITE_FILE, problems);
  return value && { site: value, yaml };
}

/**
 * Every unit, the editing office included: items without `unit` are its own, so it has a unit
 * page too. units.yaml may list it (under its name or an alias) to give it a slug; otherwise it
 * comes first, with the pinyin of its name, which must not be another unit's URL.
 */
function withOffice(units: Term[], loaded: { site: SiteConfig; yaml: ParsedYaml }, report: Reporter): Term[] {
  const office = loaded.site.office;
  if (units.some((unit) => unit.name === office || unit.aliases.includes(office))) return units;
  const slug = toSlug(office);
  const clash = units.find((unit) => unit.slug === slug);
  if (clash || slug === '') {
    report.add(SITE_FILE, [
      {
        ...loaded.yaml.locate(['office']),
        severity: 'error',
        message: clash
          ? `编印单位的网址名（${slug}）与来源单位“${clash.name}”相同：请在 units.yaml 中为编印单位加一项，写明另一个 slug`
          : '无法从编印单位的名称生成网址名：请在 units.yaml 中为编印单位加一项，写明 slug',
      },
    ]);
  }
  return [{ name: office, slug, aliases: [] }, ...units];
}

/** A units or categories list; names, aliases and URLs must each be unique. */
async function loadTerms(contentDir: string, file: string, report: Reporter): Promise<Term[] | undefined> {
  const source = await readText(contentDir, file, report);
  if (source === undefined) return undefined;
  const yaml = parseYaml(source);
  const { value, problems } = check(termListSchema, yaml, TERM_KEYS);
  report.add(file, problems);
  if (!value) return undefined;
  const terms = value.map((entry) => ({ name: entry.name, slug: entry.slug ?? toSlug(entry.name), aliases: entry.aliases }));
  terms.forEach((term, index) => {
    if (term.slug === '') {
      report.add(file, [{ ...yaml.locate([index, 'name']), severity: 'error', message: `无法从“${term.name}”生成网址名：请为它加一行 slug: 拼音名` }]);
    }
  });
  const names = new Map<string, string>();
  const slugs = new Map<string, string>();
  terms.forEach((term, index) => {
    for (const name of [term.name, ...term.aliases]) {
      const owner = names.get(name);
      if (owner !== undefined) {
        report.add(file, [{ ...yaml.locate([index, 'name']), severity: 'error', message: `名称“${name}”已用于“${owner}”：名称和别名不能重复` }]);
      }
      names.set(name, term.name);
    }
    const owner = slugs.get(term.slug);
    if (owner !== undefined) {
      report.add(file, [
        {
          ...yaml.locate([index, 'name']),
          severity: 'error',
          message: `“${term.name}”与“${owner}”的网址名相同（${term.slug}）：请为其中一个加一行 slug: 另一个拼音名`,
        },
      ]);
    }
    slugs.set(term.slug, term.name);
  });
  return terms;
}

const error = (message: string, line = 1): Problem => ({ line, column: 1, severity: 'error', message });

/** Adds what `file` was found to have, asking the disk now whether its link targets exist. */
async function settle(contentDir: string, file: string, checked: Checked<unknown>, report: Reporter): Promise<void> {
  report.add(file, checked.before);
  report.add(file, await referenceProblems(checked.links, checked.bodyLine, path.join(contentDir, file), contentDir));
  report.add(file, checked.after);
}

function checkIssue(file: string, source: string): Checked<Issue> {
  const { parsed, problems } = parseContentFile(source);
  if (!parsed) return { before: problems, links: [], bodyLine: 1, after: [], value: undefined };
  const { value, problems: invalid } = check(issueSchema, parsed.frontMatter, ISSUE_KEYS);
  const [year, number] = file.split('/');
  const issue = value && {
    file,
    key: `${year}/${number}`,
    year: Number(year),
    number: Number(number),
    date: value.date,
    title: value.title ?? undefined,
    note: parsed.body.trim(),
    draft: value.draft ?? false,
    colophon: {
      reportTo: value.reportTo ?? [],
      copyTo: value.copyTo ?? [],
      sendTo: value.sendTo ?? [],
      copies: value.copies ?? undefined,
    },
  };
  return { before: problems, links: localReferences(parsed.body), bodyLine: parsed.bodyLine, after: invalid, value: issue };
}

async function loadIssue(contentDir: string, file: string, report: Reporter, from: Source<Issue>): Promise<Issue | undefined> {
  const checked = await checkFile(contentDir, file, report, from, '', (source) => checkIssue(file, source));
  if (!checked) return undefined;
  await settle(contentDir, file, checked, report);
  if (!checked.value) return undefined;
  // A copy: a caller may change what it is given without changing what the memo keeps.
  const { colophon } = checked.value;
  return {
    ...checked.value,
    colophon: { ...colophon, reportTo: [...colophon.reportTo], copyTo: [...colophon.copyTo], sendTo: [...colophon.sendTo] },
  };
}

/** What checking an item depends on besides its text: the lists, the editing office and today. */
interface ItemContext {
  schema: ReturnType<typeof itemSchema>;
  office: string;
  today: IsoDate | undefined;
  /** What the above were made from, as text: a kept item holds while it is the same. */
  key: string;
}

/** Warnings need no valid item: a clerk fixing an error sees them in the same run. */
function itemWarnings(frontMatter: ParsedYaml, today: IsoDate | undefined): { warnings: Problem[]; title: Checked<Item>['title'] } {
  const data = frontMatter.data as { title?: unknown; date?: unknown } | null | undefined;
  const warnings: Problem[] = [];
  let title: Checked<Item>['title'];
  if (typeof data?.title === 'string' && data.title.trim() !== '') {
    const at = frontMatter.locate(['title']);
    const long = longTitle(data.title, at);
    if (long) warnings.push(long);
    title = { title: data.title, at };
  }
  if (typeof data?.date === 'string' && today) {
    const future = farFutureDate(data.date, today, frontMatter.locate(['date']));
    if (future) warnings.push(future);
  }
  return { warnings, title };
}

function checkItem(file: string, source: string, context: ItemContext): Checked<Item> {
  const { parsed, problems } = parseContentFile(source);
  if (!parsed) return { before: problems, links: [], bodyLine: 1, after: [], value: undefined };
  const { value, problems: invalid } = check(context.schema, parsed.frontMatter, ITEM_KEYS);
  const { warnings, title } = itemWarnings(parsed.frontMatter, context.today);
  const after: Problem[] = [];
  const empty = parsed.body.trim() === '';
  if (empty) after.push(error('正文为空：请在字段区的“---”之后写信息正文', parsed.bodyLine));
  const parts = file.split('/');
  const slug = value?.slug ?? fileSlug(parts[2]!);
  if (slug === '') {
    after.push(error(`无法从文件名“${parts[2]}”生成网址：请用拼音或英文字母命名文件，如 01-huiyi.md，或加一行 slug: huiyi`));
  }
  const item =
    !value || empty || slug === ''
      ? undefined
      : {
          file,
          issue: `${parts[0]}/${parts[1]}`,
          title: value.title,
          date: value.date,
          unit: value.unit ?? context.office,
          category: value.category,
          order: value.order ?? undefined,
          slug,
          draft: value.draft ?? false,
          body: parsed.body,
        };
  const before = [...problems, ...invalid, ...warnings];
  return { before, links: localReferences(parsed.body), bodyLine: parsed.bodyLine, after, title, value: item };
}

async function loadItem(
  contentDir: string,
  file: string,
  context: ItemContext,
  titles: TitledFile[],
  report: Reporter,
  from: Source<Item>,
): Promise<Item | undefined> {
  const checked = await checkFile(contentDir, file, report, from, context.key, (source) => checkItem(file, source, context));
  if (!checked) return undefined;
  await settle(contentDir, file, checked, report);
  if (checked.title) {
    // Shown only in the warning about a repeat, so the path is worked out only then.
    titles.push({ issue: path.posix.dirname(file), file, get shown() { return report.display(file); }, ...checked.title });
  }
  return checked.value && { ...checked.value };
}

/** Two items of one issue must not share a URL; two issue folders must not share a number. */
function checkCollisions(issues: readonly Issue[], items: readonly Item[], report: Reporter): void {
  const issueByNumber = new Map<string, Issue>();
  for (const issue of issues) {
    const id = `${issue.year}-${issue.number}`;
    const other = issueByNumber.get(id);
    if (other) {
      report.error(issue.file, `与 ${report.display(other.file)} 同为${issue.year}年第${issue.number}期：请删除或重新编号其中一个期次目录`);
    }
    issueByNumber.set(id, issue);
  }
  const itemByUrl = new Map<string, Item>();
  for (const item of items) {
    const url = `/${item.issue}/${item.slug}/`;
    const other = itemByUrl.get(url);
    if (other) {
      report.error(
        item.file,
        `与 ${report.display(other.file)} 的网址相同（${url}）：请修改其中一个的文件名，或加一行 slug: 另一个网址名`,
      );
    }
    itemByUrl.set(url, item);
  }
}

export async function loadContent(contentDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const report = new Reporter(contentDir, options.root ?? process.cwd());
  const { changedFiles } = options;
  const unchanged = (file: string) => changedFiles !== undefined && !changedFiles.has(file);
  const loadedSite = await loadSite(contentDir, report);
  const site = loadedSite?.site;
  const listed = await loadTerms(contentDir, '_data/units.yaml', report);
  const units = listed && loadedSite ? withOffice(listed, loadedSite, report) : listed;
  const categories = await loadTerms(contentDir, '_data/categories.yaml', report);
  let files: string[] = [];
  try {
    files = await listMarkdown(contentDir, report);
  } catch {
    report.error('', `找不到内容目录 ${report.display('')}`);
  }

  const issueFiles = new Set<string>();
  const itemFiles: string[] = [];
  for (const file of files) {
    const parts = file.split('/');
    if (parts.length === 3 && YEAR.test(parts[0]!) && NUMBER.test(parts[1]!)) {
      if (parts[2] === 'index.md') issueFiles.add(file);
      else itemFiles.push(file);
    } else {
      report.error(file, '信息文件须放在期次目录中：应为 content/年份/期号/文件名.md，如 content/2021/03/01-huiyi.md');
    }
  }
  for (const file of itemFiles) {
    const index = file.replace(/[^/]+$/, 'index.md');
    if (!issueFiles.has(index)) {
      issueFiles.add(index);
      report.error(index, `期次目录 ${report.display(path.dirname(index))}/ 缺少 index.md：请新建该文件，写明出刊日期，如“date: 2021-01-25”`);
    }
  }

  const present = new Set(files);
  const issues: Issue[] = [];
  for (const file of [...issueFiles].sort()) {
    if (!present.has(file)) continue;
    const issue = await loadIssue(contentDir, file, report, { shelf: options.memo?.issues, unchanged: unchanged(file) });
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
    key: JSON.stringify([units ?? null, categories ?? null, office, options.today ?? null]),
  };
  const items: Item[] = [];
  const titles: TitledFile[] = [];
  for (const file of itemFiles) {
    const item = await loadItem(contentDir, file, context, titles, report, { shelf: options.memo?.items, unchanged: unchanged(file) });
    if (item) items.push(item);
  }
  options.memo?.issues.keepOnly(present);
  options.memo?.items.keepOnly(present);
  checkCollisions(issues, items, report);
  for (const { file, problem } of repeatedTitles(titles)) report.add(file.file, [problem]);

  const failed = report.diagnostics.some((d) => d.severity === 'error');
  const content = failed || !site || !units || !categories ? undefined : { site, units, categories, issues, items };
  const diagnostics = report.diagnostics.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column),
  );
  return { content, diagnostics, found: { site, units, categories, issues } };
}
