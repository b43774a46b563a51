/** An issue's `index.md`: its date, title, note and 报尾. */
import { checkedFile, reportChecked, type CheckSource } from './checked-file.ts';
import { parseContentFile } from './frontmatter.ts';
import type { Checked } from './memo.ts';
import type { FindReferences, Issue } from './model.ts';
import type { Reporter } from './reporter.ts';
import { check, issueSchema } from './schema.ts';

function checkIssue(file: string, source: string, references: FindReferences): Checked<Issue> {
  const { parsed, problems } = parseContentFile(source);
  if (!parsed) return { before: problems, links: [], bodyLine: 1, after: [], value: undefined };
  const { value, problems: invalid } = check(issueSchema, parsed.frontMatter);
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
  return { before: problems, links: references(parsed.body), bodyLine: parsed.bodyLine, after: invalid, value: issue };
}

export async function loadIssue(
  contentDir: string,
  file: string,
  references: FindReferences,
  report: Reporter,
  from: CheckSource<Issue>,
): Promise<Issue | undefined> {
  const checked = await checkedFile(contentDir, file, report, from, '', (source) => checkIssue(file, source, references));
  if (!checked) return undefined;
  await reportChecked(contentDir, file, checked, report);
  if (!checked.value) return undefined;
  // A copy: a caller may change what it is given without changing what the memo keeps.
  const { colophon } = checked.value;
  return {
    ...checked.value,
    colophon: { ...colophon, reportTo: [...colophon.reportTo], copyTo: [...colophon.copyTo], sendTo: [...colophon.sendTo] },
  };
}
