/**
 * PDF text (.txt) laid out as real bulletins are: the masthead and the 报尾 read as such, a title
 * run into a full-width first line split off with a word to the clerk, and an item that ends with
 * a unit not on the list ended there, never merged into the next.
 */
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/tools/import/bulletin.ts';
import { splitPdfText } from '../../../src/tools/import/pdf-text.ts';

/** Full lines of 32 characters' width; the last of a paragraph, and a first line a title runs into, may be shorter. */
const WIDE = '街道组织党员志愿者深入小区开展入户走访逐户登记';
const known = (name: string) => ['济源路街道', '新安路街道'].includes(name);

const text = [
  '工作动态',
  '第5期',
  '示例区人民政府办公室 2021年2月8日',
  '济源路街道开展返乡人员排查 2月5日，街道组织党员志愿者',
  `${WIDE}返乡人员信息，发放`,
  `${WIDE}疫情防控宣传资料，`,
  `${WIDE}返乡人员信息，发放`,
  `${WIDE}疫情防控宣传资料。`,
  '落实各项防控措施。（济源路街道）',
  '上街区召开重点项目建设推进会议 2月6日，区委召开会议，部署全区重点',
  `${WIDE}重点项目，加快建设`,
  `${WIDE}进度，确保完成目标`,
  `${WIDE}进度，确保完成目标`,
  '任务。（区发展改革委员会）',
  '新安路街道织密防控网络 街道排查返乡人员，张贴倡议书，发放宣传资料',
  `${WIDE}发放明白纸三千余份`,
  `${WIDE}发放明白纸三千余份`,
  '落实防控。（新安路街道）',
  '报送：市委办公厅，市政府办公厅。',
  '（共印50份）',
].join('\n');

describe('PDF text with a masthead, run-in titles and a unit not on the list', () => {
  const bulletin = assemble(splitPdfText(text, known));

  it('reads the masthead and the 报尾 instead of taking them for items', () => {
    expect(bulletin.masthead).toEqual({ name: '工作动态', number: 5, date: '2021-02-08', office: '示例区人民政府办公室' });
    expect(bulletin.colophon).toEqual({ reportTo: ['市委办公厅', '市政府办公厅'], copyTo: [], sendTo: [], copies: 50 });
  });

  it('splits titles run into full-width first lines, and says where it was not sure', () => {
    expect(bulletin.items.map((item) => item.title)).toEqual(['济源路街道开展返乡人员排查', '上街区召开重点项目建设推进会议', '新安路街道织密防控网络']);
    expect(bulletin.doubts).toEqual([
      expect.stringContaining('“上街区召开重点项目建设推进会议 2月6日，区委召开会议，部署全区重点”'),
      expect.stringContaining('“新安路街道织密防控网络 街道排查返乡人员，张贴倡议书，发放宣传资料”'),
    ]);
  });

  it('ends an item at a unit not on the list, so the next keeps its own', () => {
    expect(bulletin.items.map((item) => item.paragraphs.at(-1))).toEqual([
      expect.stringMatching(/（济源路街道）$/),
      expect.stringMatching(/（区发展改革委员会）$/),
      expect.stringMatching(/（新安路街道）$/),
    ]);
    expect(bulletin.skipped).toEqual([]);
  });
});
