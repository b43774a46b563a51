/**
 * `npm run new`: one item, asked for in a terminal or given as flags, written as a valid file in
 * the current issue (see `issue-folder.ts` for which issue that is).
 */
import path from 'node:path';
import { input, search, select } from '@inquirer/prompts';
import { formatDiagnostic, type IsoDate, type ItemDraft, itemSchema, parseIsoDate, suggestIsoDate } from '../content/index.ts';
import { validateContent } from '../pipeline/index.ts';
import { shown } from './cli.ts';
import { describeTarget, ensureIssue, targetIssue, type TargetIssue } from './issue-folder.ts';
import { CHINESE_PROMPTS, unitSearchTheme } from './prompt-theme.ts';
import { addItem } from './item-file.ts';
import { loadSetting, type Setting } from './setting.ts';

export interface NewItemRequest {
  contentDir: string;
  /** Diagnostics name files relative to this folder. */
  root: string;
  today: IsoDate;
  title?: string | undefined;
  unit?: string | undefined;
  category?: string | undefined;
  date?: string | undefined;
  issue?: string | undefined;
  body?: string | undefined;
}

/** The terminal to ask in; without one, every answer must come as a flag. */
export interface Terminal {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

type Answers = Pick<NewItemRequest, 'title' | 'unit' | 'category' | 'date' | 'body'>;

/** Written by hand rather than ISO: `2021年1月23日` is read as 2021-01-23. */
const asIsoDate = (value: string) => (parseIsoDate(value.trim()) ? value.trim() : (suggestIsoDate(value) ?? value));

/** An item's date unless told: today, or an earlier issue's own date when the clerk names that issue. */
const defaultDate = (issue: TargetIssue, today: IsoDate): IsoDate => (parseIsoDate(issue.date) && issue.date < today ? issue.date : today);

async function ask(setting: Setting, today: IsoDate, given: Answers, terminal: Terminal): Promise<Answers> {
  const context = { input: terminal.input, output: terminal.output };
  const required = (what: string) => (value: string) => (value.trim() === '' ? `请填写${what}` : true);
  const title = given.title ?? (await input({ message: '标题', validate: required('标题') }, context));
  const unit =
    given.unit ??
    (await search(
      {
        message: '来源单位（可输入几个字筛选；编印单位自己的信息选第一项）',
        theme: unitSearchTheme,
        source: (term) =>
          setting.units
            .filter((u) => !term || [u.name, ...u.aliases].some((name) => name.includes(term.trim())))
            .map((u) => ({ value: u.name, name: u.name === setting.office ? `${u.name}（编印单位，本单位）` : u.name })),
      },
      context,
    ));
  const category =
    given.category ?? (await select({ message: '栏目', choices: setting.categories.map((c) => ({ value: c.name, name: c.name })), theme: CHINESE_PROMPTS }, context));
  const date =
    given.date ??
    (await input(
      {
        message: '日期（年-月-日）',
        default: today,
        validate: (value) => (parseIsoDate(asIsoDate(value)) ? true : '请按“年-月-日”写，如 2021-01-23'),
      },
      context,
    ));
  const body =
    given.body ?? (await input({ message: '正文第一段（其余段落可稍后在编辑器中补写）', validate: required('正文') }, context));
  return { title, unit, category, date, body };
}

/** The item, checked against the same schema as every content file; or the problems, per flag. */
function draftOf(setting: Setting, answers: Answers, today: IsoDate): { draft?: ItemDraft; problems: string[] } {
  const problems: string[] = [];
  if (!answers.body?.trim()) problems.push('缺少正文：请用 --body "第一段正文" 给出，其余段落可稍后在编辑器中补写');
  const data = {
    title: answers.title,
    date: asIsoDate(answers.date ?? today),
    category: answers.category,
    ...(answers.unit?.trim() ? { unit: answers.unit } : {}),
  };
  const result = itemSchema(setting.unitNames, setting.categoryNames).safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`--${issue.path.join('.')}：${issue.message}`);
  }
  if (!result.success || problems.length > 0) return { problems };
  const { title, date, unit, category } = result.data;
  return {
    draft: { title, date, unit: unit && unit !== setting.office ? unit : undefined, category, body: answers.body!.trim() },
    problems,
  };
}

/** Runs the command; returns the exit code. */
export async function newItem(request: NewItemRequest, print: (line: string) => void, terminal?: Terminal): Promise<number> {
  const setting = await loadSetting(request.contentDir, request.root, request.today, print);
  if (!setting) return 1;

  const issue = targetIssue(setting.issues, request.issue, request.today, print);
  if (!issue) return 1;
  print(describeTarget(request.contentDir, issue));

  const given: Answers = { title: request.title, unit: request.unit, category: request.category, date: request.date, body: request.body };
  let answers = given;
  if (terminal) {
    answers = await ask(setting, defaultDate(issue, request.today), given, terminal);
  } else {
    const missing = (['title', 'category', 'body'] as const).filter((key) => given[key] === undefined);
    if (missing.length > 0) {
      print(`缺少 ${missing.map((key) => `--${key}`).join('、')}：不在终端中运行时，须用选项给出。`);
      print(`栏目可选：${setting.categories.map((c) => c.name).join('、')}`);
      return 1;
    }
  }
  const { draft, problems } = draftOf(setting, answers, defaultDate(issue, request.today));
  if (!draft) {
    for (const problem of problems) print(problem);
    print('没有写入任何文件。');
    return 1;
  }

  const created = [];
  if (await ensureIssue(request.contentDir, issue)) created.push(path.join(request.contentDir, issue.key, 'index.md'));
  const file = await addItem(path.join(request.contentDir, issue.key), draft);
  created.push(file);
  for (const each of created) print(`已创建 ${shown(each)}`);

  // The new files as check sees them: a repeated or very long title is worth a word now.
  const names = new Set(created.map((each) => path.relative(request.root, each).split(path.sep).join('/')));
  const { diagnostics } = await validateContent(request.contentDir, { root: request.root, today: request.today });
  const own = diagnostics.filter((d) => names.has(d.file));
  for (const diagnostic of own) print(formatDiagnostic(diagnostic));
  return own.some((d) => d.severity === 'error') ? 1 : 0;
}
