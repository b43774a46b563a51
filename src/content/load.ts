/**
 * Reads the content folder into the content model. Nothing is written and nothing throws on
 * bad input: every problem in every file comes back as a diagnostic, so a clerk sees them all
 * at once.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readContentText, symlinkProblem } from './files.ts';
import { parseContentFile } from './frontmatter.ts';
import { localTargetProblems } from './links.ts';
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
}

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
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
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

async function loadIssue(contentDir: string, file: string, report: Reporter): Promise<Issue | undefined> {
  const source = await readText(contentDir, file, report);
  if (source === undefined) return undefined;
  const { parsed, problems } = parseContentFile(source);
  report.add(file, problems);
  if (!parsed) return undefined;
  report.add(file, await localTargetProblems(parsed.body, parsed.bodyLine, path.join(contentDir, file), contentDir));
  const { value, problems: invalid } = check(issueSchema, parsed.frontMatter, ISSUE_KEYS);
  report.add(file, invalid);
  if (!value) return undefined;
  const [year, number] = file.split('/');
  return {
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
}

/** What the item checks share across files: today's date, and every title for the repeat check. */
interface ItemChecks {
  today: IsoDate | undefined;
  titles: TitledFile[];
}

/** Warnings need no valid item: a clerk fixing an error sees them in the same run. */
function warnItem(file: string, frontMatter: ParsedYaml, checks: ItemChecks, report: Reporter): void {
  const data = frontMatter.data as { title?: unknown; date?: unknown } | null | undefined;
  if (typeof data?.title === 'string' && data.title.trim() !== '') {
    const at = frontMatter.locate(['title']);
    report.add(file, [longTitle(data.title, at)].filter((p) => p !== undefined));
    checks.titles.push({ issue: path.posix.dirname(file), file, shown: report.display(file), title: data.title, at });
  }
  if (typeof data?.date === 'string' && checks.today) {
    report.add(file, [farFutureDate(data.date, checks.today, frontMatter.locate(['date']))].filter((p) => p !== undefined));
  }
}

async function loadItem(
  contentDir: string,
  file: string,
  schema: ReturnType<typeof itemSchema>,
  office: string,
  checks: ItemChecks,
  report: Reporter,
): Promise<Item | undefined> {
  const source = await readText(contentDir, file, report);
  if (source === undefined) return undefined;
  const { parsed, problems } = parseContentFile(source);
  report.add(file, problems);
  if (!parsed) return undefined;
  const { value, problems: invalid } = check(schema, parsed.frontMatter, ITEM_KEYS);
  report.add(file, invalid);
  warnItem(file, parsed.frontMatter, checks, report);
  report.add(file, await localTargetProblems(parsed.body, parsed.bodyLine, path.join(contentDir, file), contentDir));
  if (parsed.body.trim() === '') report.error(file, '正文为空：请在字段区的“---”之后写信息正文', parsed.bodyLine);
  const parts = file.split('/');
  const slug = value?.slug ?? fileSlug(parts[2]!);
  if (slug === '') {
    report.error(file, `无法从文件名“${parts[2]}”生成网址：请用拼音或英文字母命名文件，如 01-huiyi.md，或加一行 slug: huiyi`);
  }
  if (!value || parsed.body.trim() === '' || slug === '') return undefined;
  return {
    file,
    issue: `${parts[0]}/${parts[1]}`,
    title: value.title,
    date: value.date,
    unit: value.unit ?? office,
    category: value.category,
    order: value.order ?? undefined,
    slug,
    draft: value.draft ?? false,
    body: parsed.body,
  };
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

  const issues: Issue[] = [];
  for (const file of [...issueFiles].sort()) {
    if (!files.includes(file)) continue;
    const issue = await loadIssue(contentDir, file, report);
    if (issue) issues.push(issue);
  }

  // Items are checked even when a list failed to load, so every file's problems show at once.
  const unitNames = units && new Vocabulary(units);
  const schema = itemSchema(unitNames, categories && new Vocabulary(categories));
  const office = (site && unitNames?.resolve(site.office)) ?? site?.office ?? '';
  const items: Item[] = [];
  const checks: ItemChecks = { today: options.today, titles: [] };
  for (const file of itemFiles) {
    const item = await loadItem(contentDir, file, schema, office, checks, report);
    if (item) items.push(item);
  }
  checkCollisions(issues, items, report);
  for (const { file, problem } of repeatedTitles(checks.titles)) report.add(file.file, [problem]);

  const failed = report.diagnostics.some((d) => d.severity === 'error');
  const content = failed || !site || !units || !categories ? undefined : { site, units, categories, issues, items };
  const diagnostics = report.diagnostics.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column),
  );
  return { content, diagnostics, found: { site, units, categories, issues } };
}
