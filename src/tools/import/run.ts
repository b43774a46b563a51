/**
 * `npm run import`: a whole bulletin (PDF text or .docx) into item files of one issue. Writes
 * only new files, each atomically; prints what it created and what needs a person's look.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeAs, decodeUtf8, detectEncoding, FILL_IN_MARK, type IsoDate, looksBinary, normalizeText } from '../../content/index.ts';
import { shown } from '../cli.ts';
import { describeTarget, ensureIssue, targetIssue } from '../issue-folder.ts';
import { addItem } from '../item-file.ts';
import { loadSetting } from '../setting.ts';
import { splitDocx } from './docx.ts';
import { splitPdfText, type TextSplit } from './pdf-text.ts';
import { finishItem } from './rules.ts';

export interface ImportRequest {
  /** The bulletin: `.txt` (text taken from a PDF) or `.docx`. */
  file: string;
  contentDir: string;
  root: string;
  today: IsoDate;
  issue?: string | undefined;
  year?: string | undefined;
}

class Refusal extends Error {}

async function readPlainText(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (looksBinary(bytes)) throw new Refusal(`${shown(file)} 不是文本文件：请从 PDF 中复制全部文字，粘贴到记事本，保存为 .txt 后再导入`);
  const encoding = decodeUtf8(bytes) === undefined ? detectEncoding(bytes) : undefined;
  const text = decodeUtf8(bytes) ?? (encoding && decodeAs(bytes, encoding));
  if (text === undefined) throw new Refusal(`看不出 ${shown(file)} 的编码：请在记事本中“另存为”，编码选 UTF-8`);
  return normalizeText(text);
}

async function split(file: string, isUnit: (name: string) => boolean): Promise<TextSplit> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.docx') {
    return splitDocx(file).catch((error: unknown) => {
      throw new Refusal(`无法读取 Word 文件 ${shown(file)}（${(error as Error).message}）：请确认它是 .docx 格式，可在 Word 或 WPS 中“另存为”.docx`);
    });
  }
  if (extension === '.txt' || extension === '.text') return splitPdfText(await readPlainText(file), isUnit);
  if (extension === '.pdf') throw new Refusal('不能直接读取 PDF：请在 PDF 阅读器中全选、复制文字，粘贴到记事本，保存为 .txt 后再导入');
  if (extension === '.doc' || extension === '.wps') throw new Refusal('请先在 Word 或 WPS 中把文件“另存为”.docx 格式，再导入');
  throw new Refusal(`不认识 ${shown(file)} 的格式：只能导入 .txt（从 PDF 复制出的文字）或 .docx`);
}

/** Runs the command; returns the exit code. */
export async function importBulletin(request: ImportRequest, print: (line: string) => void): Promise<number> {
  const setting = await loadSetting(request.contentDir, request.root, request.today, print);
  if (!setting) return 1;
  let year: number | undefined;
  if (request.year !== undefined) {
    if (!/^\d{4}$/.test(request.year.trim())) {
      print(`--year “${request.year}”的写法不对：请写四位年份，如 2021`);
      return 1;
    }
    year = Number(request.year);
  }
  const issue = targetIssue(setting.issues, request.issue, request.today, print);
  if (!issue) return 1;

  let found: TextSplit;
  try {
    found = await split(request.file, (name) => setting.unitNames.resolve(name) !== undefined);
  } catch (error) {
    if (!(error instanceof Refusal) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    print(error instanceof Refusal ? error.message : `找不到文件 ${shown(request.file)}`);
    return 1;
  }
  // A title with no text under it is a section heading (【工作动态】), not an item.
  const items = found.items.filter((item) => item.paragraphs.length > 0);
  const skipped = [...found.items.filter((item) => item.paragraphs.length === 0).map((item) => item.title), ...found.skipped];
  if (items.length === 0) {
    print('没有找到任何信息：标题须单独成行（或在正文前以空格隔开），Word 文件中标题须用标题样式或加粗。没有写入任何文件。');
    return 1;
  }

  print(describeTarget(request.contentDir, issue));
  const context = { units: setting.unitNames, office: setting.office, year, issueYear: issue.year, issueDate: issue.date };
  if (await ensureIssue(request.contentDir, issue)) {
    const index = shown(path.join(request.contentDir, issue.key, 'index.md'));
    print(`已创建 ${index}${issue.date === FILL_IN_MARK ? '：请填写本期出刊日期' : ''}`);
  }
  for (const raw of items) {
    const { item, notes } = finishItem(raw, context);
    const file = await addItem(path.join(request.contentDir, issue.key), item);
    print(`已创建 ${shown(file)}  ${item.title}`);
    print(`  请核对：${notes.join('；')}`);
  }
  if (skipped.length > 0) {
    print('以下文字不属于任何一条信息，没有导入，请核对：');
    for (const line of skipped) print(`  ${line}`);
  }
  print(`共导入 ${items.length} 条信息。请把文件中的“${FILL_IN_MARK}”换成实际内容，再运行 npm run check。`);
  return 0;
}
