/** An issue's `index.md`: its date, title, note and 报尾. */
import { checkedFile, reportChecked, type CheckSource } from './checked-file.ts';
import type { BodyFiles } from './link-targets.ts';
import { parseContentFile } from './frontmatter.ts';
import type { Checked } from './memo.ts';
import type { FindLinks, Issue } from './model.ts';
import type { Reporter } from './reporter.ts';
import { check, issueSchema } from './schema.ts';

function checkIssue(file: string, source: string, findLinks: FindLinks): Checked<Issue> {
  const { parsed, problems } = parseContentFile(source);
  if (!parsed) return { before: problems, links: { links: [], ids: [] }, bodyLine: 1, after: [], value: undefined };
  const { value, problems: invalid } = check(issueSchema, parsed.frontMatter);
  const [year, number] = file.split('/');
  const links = findLinks(parsed.body);
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
    links,
    bodyLine: parsed.bodyLine,
  };
  return { before: problems, links, bodyLine: parsed.bodyLine, after: invalid, value: issue };
}

export async function loadIssue(
  contentDir: string,
  file: string,
  findLinks: FindLinks,
  report: Reporter,
  from: CheckSource<Issue>,
  bodyFiles: BodyFiles,
): Promise<Issue | undefined> {
  const checked = await checkedFile(contentDir, file, report, from, '', (source) => checkIssue(file, source, findLinks));
  if (!checked) return undefined;
  await reportChecked(file, checked, report, bodyFiles);
  if (!checked.value) return undefined;
  // A copy: a caller may change what it is given without changing what the memo keeps.
  const { colophon } = checked.value;
  return {
    ...checked.value,
    colophon: { ...colophon, reportTo: [...colophon.reportTo], copyTo: [...colophon.copyTo], sendTo: [...colophon.sendTo] },
  };
}
