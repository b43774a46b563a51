/**
 * `npm run import`: a whole bulletin (PDF text or .docx) into item files of one issue. Writes
 * only new files, each atomically; prints what it created and what needs a person's look.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeAs, decodeUtf8, detectEncoding, FILL_IN_MARK, type IsoDate, looksBinary, normalizeText } from '../../content/index.ts';
import { shown } from '../cli.ts';
import { describeTarget, ensureIssue, namedIssue, targetIssue, type TargetIssue } from '../issue-folder.ts';
import { addItem } from '../item-file.ts';
import { loadSetting, type Setting } from '../setting.ts';
import { assemble, countCharacters, type ImportedBulletin } from './bulletin.ts';
import { splitDocx } from './docx.ts';
import { readLayout } from './pdf-layout.ts';
import { readPdfLines } from './pdf-lines.ts';
import { splitPdfText } from './pdf-text.ts';
import { finishItem } from './rules.ts';

export interface ImportRequest {
  /** The bulletin: its `.pdf`, a `.docx`, or `.txt` (text taken from a PDF). */
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

async function read(file: string, isUnit: (name: string) => boolean): Promise<ImportedBulletin> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.docx') {
    return assemble(
      await splitDocx(file).catch((error: unknown) => {
        throw new Refusal(`无法读取 Word 文件 ${shown(file)}（${(error as Error).message}）：请确认它是 .docx 格式，可在 Word 或 WPS 中“另存为”.docx`);
      }),
    );
  }
  if (extension === '.pdf') {
    const lines = await readPdfLines(file).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
      throw new Refusal(`无法读取 PDF 文件 ${shown(file)}（${(error as Error).message}）：请确认文件完整；加密的 PDF 请先在阅读器中另存为不加密的副本`);
    });
    if (lines.lines.length === 0) throw new Refusal(`${shown(file)} 中没有文字（可能是扫描件）：请找到原稿的 Word 或 PDF 文件，或先用识别软件转成文字`);
    return readLayout(lines);
  }
  if (extension === '.txt' || extension === '.text') return assemble(splitPdfText(await readPlainText(file), isUnit));
  if (extension === '.doc' || extension === '.wps') throw new Refusal('旧的 .doc 和 .wps 格式不能直接读取：请先在 Word 或 WPS 中把文件“另存为”.docx 格式，再导入');
  throw new Refusal(`不认识 ${shown(file)} 的格式：只能导入 PDF、Word 的 .docx，或从 PDF 复制出的文字（.txt）`);
}

/**
 * The issue to write into: `--issue`, else the one the masthead names (its number, and its year
 * from `--year` or its date), else the current one.
 */
function issueFor(request: ImportRequest, setting: Setting, bulletin: ImportedBulletin, year: number | undefined, print: (line: string) => void): TargetIssue | undefined {
  const { number, date } = bulletin.masthead;
  const mastheadYear = year ?? (date ? Number(date.slice(0, 4)) : undefined);
  if (request.issue !== undefined || number === undefined || mastheadYear === undefined) return targetIssue(setting.issues, request.issue, request.today, print, { allowGap: true });
  const issue = namedIssue(setting.issues, { year: mastheadYear, number });
  print(`期次取自报头：${mastheadYear}年第${number}期${date ? `，${date}` : ''}${bulletin.masthead.office ? `，${bulletin.masthead.office}` : ''}`);
  return issue.create && date ? { ...issue, date } : issue;
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
  let bulletin: ImportedBulletin;
  try {
    bulletin = await read(request.file, (name) => setting.unitNames.resolve(name) !== undefined);
  } catch (error) {
    if (!(error instanceof Refusal) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    print(error instanceof Refusal ? error.message : `找不到文件 ${shown(request.file)}`);
    return 1;
  }
  // A title with no text under it is a section heading (【工作动态】), not an item.
  const items = bulletin.items.filter((item) => item.paragraphs.length > 0);
  const headings = bulletin.items.filter((item) => item.paragraphs.length === 0).map((item) => item.title);
  const skipped = [...headings, ...bulletin.skipped];
  bulletin.characters.skipped += headings.reduce((n, title) => n + countCharacters(title), 0);
  if (items.length === 0) {
    print('没有找到任何信息：标题须单独成行（或在正文前以空格隔开），Word 文件中标题须用标题样式或加粗。没有写入任何文件。');
    return 1;
  }
  const issue = issueFor(request, setting, bulletin, year, print);
  if (!issue) return 1;

  print(describeTarget(request.contentDir, issue));
  const context = { units: setting.unitNames, office: setting.office, year, issueYear: issue.year, issueDate: issue.date };
  if (await ensureIssue(request.contentDir, issue, bulletin.colophon)) {
    const index = shown(path.join(request.contentDir, issue.key, 'index.md'));
    print(`已创建 ${index}${issue.date === FILL_IN_MARK ? '：请填写本期出刊日期' : ''}${bulletin.colophon ? '，报尾已写入' : ''}`);
  } else if (bulletin.colophon) {
    print(`本期的 index.md 已经存在，报尾没有写入，请核对：${describeColophon(bulletin.colophon)}`);
  }
  let written = 0;
  let paragraphs = 0;
  let labels = 0;
  for (const raw of items) {
    const finished = finishItem(raw, context);
    const file = await addItem(path.join(request.contentDir, issue.key), finished.item, raw.images);
    written += finished.written;
    labels += finished.labels;
    paragraphs += finished.item.body === '' ? 0 : finished.item.body.split('\n\n').length;
    print(`已创建 ${shown(file)}  ${finished.item.title}`);
    print(`  请核对：${finished.notes.join('；')}`);
  }
  for (const doubt of bulletin.doubts) print(`请核对：${doubt}`);
  if (skipped.length > 0) {
    print('以下文字不属于任何一条信息，没有导入，请核对：');
    for (const line of skipped) print(`  ${line}`);
  }
  print(summary(bulletin, { items: items.length, paragraphs, written, labels }));
  print(`共导入 ${items.length} 条信息。请把文件中的“${FILL_IN_MARK}”换成实际内容，再运行 npm run check。`);
  return 0;
}

function describeColophon(colophon: NonNullable<ImportedBulletin['colophon']>): string {
  const parts = [
    ['报送', colophon.reportTo],
    ['抄送', colophon.copyTo],
    ['发送', colophon.sendTo],
  ].flatMap(([key, list]) => ((list as string[]).length > 0 ? [`${key as string}：${(list as string[]).join('，')}`] : []));
  if (colophon.copies !== undefined) parts.push(`共印${colophon.copies}份`);
  return parts.join('；');
}

/** What was read and where it went; the parts add up to what was read, or the summary says they do not. */
function summary(bulletin: ImportedBulletin, out: { items: number; paragraphs: number; written: number; labels: number }): string {
  const c = bulletin.characters;
  const accounted = out.written + c.masthead + c.colophon + c.furniture + c.skipped + c.labels + out.labels;
  const parts = [`写入 ${out.items} 条信息、${out.paragraphs} 段、${out.written} 字（标题、正文、来源单位）`, `报头 ${c.masthead} 字`, `报尾 ${c.colophon} 字`, `页码和页眉 ${c.furniture} 字`, `未导入 ${c.skipped} 字`, `格式标记 ${c.labels + out.labels} 字（“来源单位：”、单位的括号）`];
  const check = accounted === c.read ? '，合计相符' : `；合计 ${accounted} 字，与读取的 ${c.read} 字相差 ${c.read - accounted} 字，请逐条核对`;
  return `读取 ${c.read} 字：${parts.join('，')}${check}。`;
}
