/** One item's Markdown file: its front-matter against the lists, its body, its warnings. */
import path from 'node:path';
import { checkedFile, reportChecked, type CheckSource } from './checked-file.ts';
import type { BodyFiles } from './link-targets.ts';
import { parseContentFile } from './frontmatter.ts';
import type { Checked } from './memo.ts';
import type { FindLinks, IsoDate, Item } from './model.ts';
import type { Reporter } from './reporter.ts';
import { check, type itemSchema } from './schema.ts';
import { fileSlug } from './slug.ts';
import { farFutureDate, longTitle, type DatedItem, type TitledFile } from './warnings.ts';
import type { ParsedYaml, Problem } from './yaml.ts';

/** What checking an item depends on besides its text: the lists, the editing office and today. */
export interface ItemContext {
  schema: ReturnType<typeof itemSchema>;
  office: string;
  today: IsoDate | undefined;
  findLinks: FindLinks;
  /** A hash of what the above were made from: a kept item holds while it is the same. */
  key: string;
}

const error = (message: string, line = 1): Problem => ({ line, column: 1, severity: 'error', message });

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
  if (!parsed) return { before: problems, links: { links: [], ids: [] }, bodyLine: 1, after: [], value: undefined };
  const { value, problems: invalid } = check(context.schema, parsed.frontMatter);
  const { warnings, title } = itemWarnings(parsed.frontMatter, context.today);
  const dateAt = parsed.frontMatter.locate(['date']);
  const after: Problem[] = [];
  const empty = parsed.body.trim() === '';
  if (empty) after.push(error('正文为空：请在字段区的“---”之后写信息正文', parsed.bodyLine));
  const parts = file.split('/');
  const slug = value?.slug ?? fileSlug(parts[2]!);
  if (slug === '') {
    after.push(error(`无法从文件名“${parts[2]}”生成网址：请用拼音或英文字母命名文件，如 01-huiyi.md，或加一行 slug: huiyi`));
  }
  const links = context.findLinks(parsed.body);
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
          links,
          bodyLine: parsed.bodyLine,
        };
  const before = [...problems, ...invalid, ...warnings];
  return { before, links, bodyLine: parsed.bodyLine, after, title, dateAt, value: item };
}

export async function loadItem(
  contentDir: string,
  file: string,
  context: ItemContext,
  titles: TitledFile[],
  dated: DatedItem[],
  report: Reporter,
  from: CheckSource<Item>,
  bodyFiles: BodyFiles,
): Promise<Item | undefined> {
  const checked = await checkedFile(contentDir, file, report, from, context.key, (source) => checkItem(file, source, context));
  if (!checked) return undefined;
  await reportChecked(file, checked, report, bodyFiles);
  if (checked.value && checked.dateAt) dated.push({ item: checked.value, at: checked.dateAt });
  if (checked.title) {
    // Shown only in the warning about a repeat, so the path is worked out only then.
    titles.push({ issue: path.posix.dirname(file), file, get shown() { return report.display(file); }, ...checked.title });
  }
  return checked.value && { ...checked.value };
}
