/**
 * `npm run import`: the sample bulletin's PDF text must give exactly its three items, as the
 * clerk would have entered them by hand (fixtures/bulletin-2021-w03/, see fixtures/README.md),
 * and a Word file the same, through mammoth. Nothing is ever overwritten.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContentFile } from '../../src/content/frontmatter.ts';
import { FILL_IN_MARK } from '../../src/content/fill-in-mark.ts';
import { Vocabulary } from '../../src/content/schema.ts';
import { importBulletin } from '../../src/tools/import/run.ts';
import { splitPdfText } from '../../src/tools/import/pdf-text.ts';
import { finishItem, tidy, trailingUnit } from '../../src/tools/import/rules.ts';
import { clerkTree, goodItem, lines, type ClerkTree } from '../helpers/clerk-tree.ts';
import { removeDir } from '../helpers/tree.ts';
import { BUILD_TIMEOUT, hashTree, type CliResult } from '../integration/support.ts';
import { diagnosticsIn, runTool, shownPath } from './support.ts';

const FIXTURES = fileURLToPath(new URL('fixtures/bulletin-2021-w03/', import.meta.url));
const SAMPLE = path.join(FIXTURES, 'raw.txt');
/** The names the importer gives: order number and the start of the title's pinyin. */
const CREATED = ['01-shang-jie-qu-zhao-kai-xin-guan.md', '02-shang-jie-qu-jia-kuai-tong.md', '03-ji-yuan-lu-jie-dao-qiang-ze.md'];
const EXPECTED = ['01.md', '02.md', '03.md'];

const roots: string[] = [];
afterAll(() => Promise.all(roots.map(removeDir)));

async function tree(files: Record<string, string | Uint8Array> = {}): Promise<ClerkTree> {
  const made = await clerkTree(files);
  roots.push(made.root);
  return made;
}

/** Front-matter fields and paragraphs of an item file. */
function read(text: string): { fields: unknown; paragraphs: string[] } {
  const { parsed } = parseContentFile(text);
  if (!parsed) throw new Error(`not an item file:\n${text}`);
  return { fields: parsed.frontMatter.data, paragraphs: parsed.body.trim().split(/\n[ \t]*\n/) };
}

describe('the sample bulletin, PDF text', () => {
  let sample: ClerkTree;
  let imported: CliResult;
  const issueDir = () => path.join(sample.content, '2021/03');

  beforeAll(async () => {
    sample = await tree();
    imported = await runTool('import', [SAMPLE, '--issue', '2021/03', '--year', '2021', '--content', sample.content, '--today', '2021-01-25']);
  }, BUILD_TIMEOUT);

  it('gives exactly its three items, as files of the issue', async () => {
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect((await readdir(issueDir())).sort()).toEqual([...CREATED, 'index.md']);
  });

  it('gives each item the title, date, unit and marked category of the hand-made file', async () => {
    for (const [index, name] of CREATED.entries()) {
      const actual = read(await readFile(path.join(issueDir(), name), 'utf8'));
      const expected = read(await readFile(path.join(FIXTURES, EXPECTED[index]!), 'utf8'));
      expect(actual.fields, name).toEqual(expected.fields);
    }
  });

  it('gives the text of the hand-made files, paragraph by paragraph', async () => {
    for (const [index, name] of CREATED.entries()) {
      const actual = read(await readFile(path.join(issueDir(), name), 'utf8')).paragraphs;
      const expected = read(await readFile(path.join(FIXTURES, EXPECTED[index]!), 'utf8')).paragraphs;
      expect(actual.length, name).toBe(expected.length);
      expected.forEach((paragraph, n) => expect(actual[n], `${name}, paragraph ${n + 1}`).toBe(paragraph));
    }
  });

  it('prints each file it created and what needs a look', () => {
    const output = imported.stdout;
    for (const name of CREATED) expect(output).toContain(`已创建 ${shownPath(path.join(issueDir(), name))}`);
    expect(output.match(/请核对：.*栏目待填写/g)).toHaveLength(3);
    expect(output).toContain('日期 2021-01-23 取自正文“1月23日”');
    expect(output.match(/正文中没有日期，取本期出刊日期 2021-01-25/g)).toHaveLength(2);
    expect(output).toContain(`共导入 3 条信息。请把文件中的“${FILL_IN_MARK}”换成实际内容，再运行 npm run check。`);
  });

  it('leaves check one problem per file, the category, which passes once the clerk fills it in', async () => {
    const before = await runTool('check', ['--content', sample.content, '--today', '2021-01-25']);
    expect(before.code).toBe(1);
    const problems = diagnosticsIn(before.stdout);
    expect(problems.map((d) => [path.basename(d.file), d.message.split('：')[0]])).toEqual(CREATED.map((name) => [name, '栏目（category）待填写']));

    const categories = ['疫情防控', '项目建设', '基层动态'];
    for (const [index, name] of CREATED.entries()) {
      const file = path.join(issueDir(), name);
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^category: .*$/m, `category: ${categories[index]}`));
    }
    const after = await runTool('check', ['--content', sample.content, '--today', '2021-01-25']);
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toBe('内容检查通过，没有发现问题。\n');
  }, BUILD_TIMEOUT);
});

describe('never overwrites', () => {
  it('imports the same text again after the existing items, leaving them byte for byte', async () => {
    const made = await tree({ 'content/2021/03/01-shang-jie-qu-zhao-kai-xin-guan.md': goodItem('已经录入的信息') });
    const before = await hashTree(made.content);
    const printed: string[] = [];
    const code = await importBulletin({ file: SAMPLE, contentDir: made.content, root: made.root, today: '2021-01-25', issue: '2021/03' }, (line) => printed.push(line));
    expect(code, printed.join('\n')).toBe(0);
    const after = await hashTree(made.content);
    for (const [file, hash] of Object.entries(before)) expect(after[file], file).toBe(hash);
    expect((await readdir(path.join(made.content, '2021/03'))).sort()).toEqual([
      '01-shang-jie-qu-zhao-kai-xin-guan.md',
      '02-shang-jie-qu-zhao-kai-xin-guan-fei.md',
      '03-shang-jie-qu-jia-kuai-tong.md',
      '04-ji-yuan-lu-jie-dao-qiang-ze.md',
      'index.md',
    ]);
  });
});

/** A .docx as Chinese Word saves one: heading styles have the ids "1", "2", … */
async function docx(paragraphs: string[]): Promise<Buffer> {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const R = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
  );
  zip.file('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="${R}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file('word/_rels/document.xml.rels', `<?xml version="1.0"?><Relationships xmlns="${R}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`);
  zip.file('word/styles.xml', `<?xml version="1.0"?><w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style></w:styles>`);
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${paragraphs.join('')}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const run = (text: string, bold = false) => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const para = (...runs: string[]) => `<w:p>${runs.join('')}</w:p>`;
const heading = (text: string) => `<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr>${run(text)}</w:p>`;

describe('a Word .docx', () => {
  it('takes headings and bold paragraphs as titles, keeps bold lead-ins in the body, and applies the same rules', async () => {
    const made = await tree();
    const file = path.join(made.root, '简报.docx');
    await writeFile(
      file,
      await docx([
        para(run('工作动态 2021年第3期')),
        heading('【工作动态】'),
        heading('上街区召开疫情防控会议'),
        para(run('1月 23日，区委召开会议,部署疫情防控工作。')),
        para(run('会议强调，要压实责任。')),
        para(run('济源路街道开展防控宣传', true)),
        para(run('一是压实责任。', true), run('街道张贴倡议书 500余份。（济源路办事处）')),
      ]),
    );
    const printed: string[] = [];
    const code = await importBulletin({ file, contentDir: made.content, root: made.root, today: '2021-01-25', issue: '2021/03', year: '2021' }, (line) => printed.push(line));
    expect(code, printed.join('\n')).toBe(0);
    const folder = path.join(made.content, '2021/03');
    expect((await readdir(folder)).sort()).toEqual(['01-shang-jie-qu-zhao-kai-yi-qing.md', '02-ji-yuan-lu-jie-dao-kai-zhan.md', 'index.md']);
    expect(await readFile(path.join(folder, '01-shang-jie-qu-zhao-kai-yi-qing.md'), 'utf8')).toBe(
      lines('---', 'title: 上街区召开疫情防控会议', 'date: 2021-01-23', `category: ${FILL_IN_MARK} # 从 content/_data/categories.yaml 中选一个栏目`, '---', '', '1月23日，区委召开会议，部署疫情防控工作。', '', '会议强调，要压实责任。'),
    );
    expect(await readFile(path.join(folder, '02-ji-yuan-lu-jie-dao-kai-zhan.md'), 'utf8')).toBe(
      lines('---', 'title: 济源路街道开展防控宣传', 'date: 2021-01-25', 'unit: 济源路街道', `category: ${FILL_IN_MARK} # 从 content/_data/categories.yaml 中选一个栏目`, '---', '', '一是压实责任。街道张贴倡议书500余份。'),
    );
    // The section heading belongs to no item: shown, not imported. The masthead's line is read as the masthead.
    expect(printed.slice(printed.indexOf('以下文字不属于任何一条信息，没有导入，请核对：') + 1, -2)).toEqual(['  【工作动态】']);
    expect(printed.at(-2)).toMatch(/^读取 \d+ 字：.*合计相符。$/);
  });
});

describe('what the importer is given', () => {
  it('reads PDF text that Notepad saved in GBK', async () => {
    const made = await tree();
    const file = path.join(made.root, 'bulletin.txt');
    await writeFile(file, iconv.encode((await readFile(SAMPLE, 'utf8')).replace(/\n/g, '\r\n'), 'gbk'));
    const code = await importBulletin({ file, contentDir: made.content, root: made.root, today: '2021-01-25', issue: '2021/03' }, () => {});
    expect(code).toBe(0);
    expect((await readdir(path.join(made.content, '2021/03'))).sort()).toEqual([...CREATED, 'index.md']);
  });

  /** Imports `name` with `text` into a fresh tree; what it printed, after checking it wrote nothing and exited 1. */
  async function refused(name: string, text: string): Promise<string> {
    const made = await tree();
    const file = path.join(made.root, name);
    await writeFile(file, text);
    const before = await hashTree(made.content);
    const printed: string[] = [];
    expect(await importBulletin({ file, contentDir: made.content, root: made.root, today: '2021-01-25' }, (line) => printed.push(line))).toBe(1);
    expect(await hashTree(made.content)).toEqual(before);
    return printed.join('\n');
  }

  it('refuses a PDF it cannot read, saying what to try, and writes nothing', async () => {
    expect(await refused('bulletin.pdf', '%PDF-1.7\n')).toContain('无法读取 PDF 文件');
  });

  it('refuses the old binary Word and WPS formats, saying to save as .docx', async () => {
    for (const name of ['简报.doc', '简报.wps']) expect(await refused(name, 'x')).toContain('另存为”.docx');
  });

  it('writes nothing when it finds no item', async () => {
    expect(await refused('notes.txt', '这是一段说明文字，没有标题。\n')).toContain('没有找到任何信息');
  });

  it('into an issue that does not exist yet, creates it with a date to fill in, which check names', async () => {
    const made = await tree();
    const printed: string[] = [];
    const code = await importBulletin({ file: SAMPLE, contentDir: made.content, root: made.root, today: '2021-01-25', issue: '2021/07', year: '2021' }, (line) => printed.push(line));
    expect(code).toBe(0);
    expect(await readFile(path.join(made.content, '2021/07/index.md'), 'utf8')).toBe(lines('---', `date: ${FILL_IN_MARK}  # 出刊日期，年-月-日，如 2021-01-25`, '---'));
    expect(printed).toContain(`已创建 ${shownPath(path.join(made.content, '2021/07/index.md'))}：请填写本期出刊日期`);
    // Without the issue's date, only the item that names its day gets one.
    const dates = await Promise.all(CREATED.map(async (name) => /^date: (.*)$/m.exec(await readFile(path.join(made.content, '2021/07', name), 'utf8'))?.[1]));
    expect(dates).toEqual(['2021-01-23', `${FILL_IN_MARK} # 年-月-日，如 2021-01-23`, `${FILL_IN_MARK} # 年-月-日，如 2021-01-23`]);
  });
});

describe('the rules, one by one', () => {
  const units = new Vocabulary([
    { name: '济源路街道', slug: 'jiyuanlu-jiedao', aliases: ['济源路办事处'] },
    { name: '区卫生健康委员会', slug: 'weijianwei', aliases: ['区卫健委'] },
  ]);
  const isUnit = (name: string) => units.resolve(name) !== undefined;
  const context = { units, office: '示例区人民政府办公室', year: undefined, issueYear: 2021, issueDate: '2021-01-08' };

  it('tidies spaces and half-width punctuation beside Chinese, and keeps them between Latin words', () => {
    expect(tidy('完成主体 9层施工，利用 LED显示屏 , 部署,盯紧(重点)区域')).toBe('完成主体9层施工，利用LED显示屏，部署，盯紧（重点）区域');
    expect(tidy('采用 PDF to text 工具，共 1,000 份')).toBe('采用PDF to text工具，共1,000份');
  });

  it('takes a unit only from parentheses at the very end', () => {
    expect(trailingUnit('加快施工图设计。（通航试验区管委会）')).toEqual({ name: '通航试验区管委会', before: '加快施工图设计。' });
    expect(trailingUnit('召开会议（扩大）部署工作。')).toBeUndefined();
  });

  it('maps a unit through its aliases, and marks one not on the list', () => {
    const known = finishItem({ title: '标题', paragraphs: ['正文。（区卫健委）'] }, context);
    expect(known.item).toMatchObject({ unit: '区卫生健康委员会', body: '正文。' });
    const unknown = finishItem({ title: '标题', paragraphs: ['正文。（区教育局）'] }, context);
    expect(unknown.item.unit).toBe('区教育局');
    expect(unknown.notes).toContain('来源单位“区教育局”不在名单中：请核对，或请管理员把它加入 units.yaml');
  });

  it('dates late December in an early-January issue to the year before, unless --year says otherwise', () => {
    expect(finishItem({ title: '标题', paragraphs: ['12月28日，召开会议。'] }, context).item.date).toBe('2020-12-28');
    expect(finishItem({ title: '标题', paragraphs: ['12月28日，召开会议。'] }, { ...context, year: 2021 }).item.date).toBe('2021-12-28');
    expect(finishItem({ title: '标题', paragraphs: ['1月5日，召开会议。'] }, context).item.date).toBe('2021-01-05');
  });

  it('reads text that was never wrapped as one paragraph per line', () => {
    const text = lines('区卫健委开展疫苗接种工作', '', '1月5日，区卫健委召开会议，部署全区疫苗接种工作，要求各单位提高认识、压实责任、加强宣传，确保接种工作平稳有序。', '', '会议强调，要做好应急准备。（区卫健委）');
    const { items } = splitPdfText(text, isUnit);
    expect(items).toEqual([
      { title: '区卫健委开展疫苗接种工作', paragraphs: ['1月5日，区卫健委召开会议，部署全区疫苗接种工作，要求各单位提高认识、压实责任、加强宣传，确保接种工作平稳有序。', '会议强调，要做好应急准备。（区卫健委）'] },
    ]);
  });

  it('does not take a numbered point inside an item for a title', () => {
    const text = lines('济源路街道强化防控措施', '街道召开会议，部署防控工作。', '一、加强组织领导', '街道成立专班。（济源路街道）');
    expect(splitPdfText(text, isUnit).items).toEqual([
      { title: '济源路街道强化防控措施', paragraphs: ['街道召开会议，部署防控工作。', '一、加强组织领导', '街道成立专班。（济源路街道）'] },
    ]);
  });
});
