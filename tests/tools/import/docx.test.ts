/**
 * Word files as an editing office makes them, written here with the `docx` package: a masthead,
 * heading and bold titles, numbered and bulleted lists, a table, a picture, a unit in half-width
 * parentheses and a 报尾. Imported, each part lands where a clerk would put it by hand.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AlignmentType, Document, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseContentFile } from '../../../src/content/frontmatter.ts';
import { validateContent } from '../../../src/pipeline/validate.ts';
import { importBulletin } from '../../../src/tools/import/run.ts';
import { SCREENSHOT_PNG } from '../../fixtures/images.ts';
import { clerkTree, type ClerkTree } from '../../helpers/clerk-tree.ts';
import { removeDir } from '../../helpers/tree.ts';
import { BUILD_TIMEOUT } from '../../integration/support.ts';

const text = (value: string, options: { bold?: boolean; size?: number } = {}) => new TextRun({ text: value, bold: options.bold, size: options.size });
const plain = (value: string) => new Paragraph({ children: [text(value)] });

function bulletin(): Document {
  return new Document({
    numbering: {
      config: [
        { reference: 'points', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] },
        { reference: 'dots', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.START }] },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [text('工 作 动 态', { bold: true, size: 72 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [text('第4期')] }),
          plain('示例区人民政府办公室　　　　2021年2月1日'),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text('上街区召开疫情防控领导小组会议')] }),
          plain('1月23日，区委召开会议，部署疫情防控工作。会议提出三项要求：'),
          new Paragraph({ numbering: { reference: 'points', level: 0 }, children: [text('思想要再绷紧。')] }),
          new Paragraph({ numbering: { reference: 'points', level: 0 }, children: [text('措施要再加强。')] }),
          new Paragraph({ numbering: { reference: 'points', level: 0 }, children: [text('责任要再压实。')] }),
          plain('（区卫生健康委员会）'),
          new Paragraph({ children: [text('新安路街道织密防控网络', { bold: true })] }),
          plain('街道排查返乡人员，情况如下：'),
          new Table({
            rows: [
              new TableRow({ children: ['社区', '排查户数'].map((cell) => new TableCell({ children: [plain(cell)] })) }),
              new TableRow({ children: ['西街社区', '1200'].map((cell) => new TableCell({ children: [plain(cell)] })) }),
            ],
          }),
          new Paragraph({ numbering: { reference: 'dots', level: 0 }, children: [text('张贴倡议书500余份；')] }),
          new Paragraph({ numbering: { reference: 'dots', level: 0 }, children: [text('发放明白纸3000份。')] }),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: SCREENSHOT_PNG, transformation: { width: 320, height: 200 } })] }),
          plain('街道将持续做好防控工作。(新安路街道)'),
          plain('报送：市委办公厅，市政府办公厅。'),
          plain('抄送：区委、区人大常委会、区政府、区政协领导。'),
          plain('（共印60份）'),
        ],
      },
    ],
  });
}

let made: ClerkTree;
let printed: string[];
let code: number;
const folder = () => path.join(made.content, '2021/04');

beforeAll(async () => {
  made = await clerkTree();
  const file = path.join(made.root, '工作动态第4期.docx');
  await writeFile(file, await Packer.toBuffer(bulletin()));
  printed = [];
  code = await importBulletin({ file, contentDir: made.content, root: made.root, today: '2021-02-01' }, (line) => printed.push(line));
}, BUILD_TIMEOUT);
afterAll(() => removeDir(made?.root));

const itemFile = async (prefix: string) => {
  const name = (await readdir(folder())).find((n) => n.startsWith(prefix) && n.endsWith('.md'))!;
  return { name, text: await readFile(path.join(folder(), name), 'utf8') };
};

describe('a Word bulletin', () => {
  it('takes the issue from the masthead, never as an item, and its 报尾 into index.md', async () => {
    expect(code, printed.join('\n')).toBe(0);
    expect(printed[0]).toBe('期次取自报头：2021年第4期，2021-02-01，示例区人民政府办公室');
    expect(parseContentFile(await readFile(path.join(folder(), 'index.md'), 'utf8')).parsed!.frontMatter.data).toEqual({
      date: '2021-02-01',
      reportTo: ['市委办公厅', '市政府办公厅'],
      copyTo: '区委、区人大常委会、区政府、区政协领导',
      copies: 60,
    });
    const items = (await readdir(folder())).filter((n) => n.endsWith('.md') && n !== 'index.md');
    expect(items).toHaveLength(2);
  });

  it('keeps Word’s numbered list as a Markdown list, and takes the unit from the end', async () => {
    const { text } = await itemFile('01-');
    expect(text).toContain('title: 上街区召开疫情防控领导小组会议');
    expect(text).toContain('unit: 区卫生健康委员会');
    expect(text).toContain('会议提出三项要求：\n\n1. 思想要再绷紧。\n2. 措施要再加强。\n3. 责任要再压实。\n');
  });

  it('keeps a table as a GFM table, bullets as a list, the picture beside the item, and a half-width (unit) as the unit', async () => {
    const { name, text } = await itemFile('02-');
    expect(text).toContain('title: 新安路街道织密防控网络');
    expect(text).toContain('unit: 新安路街道');
    expect(text).toContain('| 社区 | 排查户数 |\n| --- | --- |\n| 西街社区 | 1200 |');
    expect(text).toContain('- 张贴倡议书500余份；\n- 发放明白纸3000份。');
    const picture = `${name.replace(/\.md$/, '')}-tu1.png`;
    expect(text).toContain(`![](${picture})`);
    expect(await readFile(path.join(folder(), picture))).toEqual(SCREENSHOT_PNG);
    expect(text.trimEnd().endsWith('街道将持续做好防控工作。')).toBe(true);
    expect(text).not.toContain('共印');
  });

  it('accounts for every character, and leaves the picture’s text alternative for check to ask', async () => {
    expect(printed.find((line) => line.startsWith('读取 '))).toMatch(/写入 2 条信息.*合计相符。$/);
    const { diagnostics } = await validateContent(made.content, { root: made.root, today: '2021-02-01' });
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    expect(errors.filter((m) => m.includes('请写出图片内容的文字说明'))).toHaveLength(1);
  });
});
