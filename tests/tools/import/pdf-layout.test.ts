/** The layout reader on lines as pdf-lines.ts gives them: where each boundary falls, and what it doubts. */
import { describe, expect, it } from 'vitest';
import { readLayout } from '../../../src/tools/import/pdf-layout.ts';
import type { PdfLine, PdfText } from '../../../src/tools/import/pdf-lines.ts';

const LEFT = 80;
const RIGHT = 520;
const BODY = 16;

/** A line at `y` on page 1: `indent` in characters, ending at the measure unless `end` says where. */
function line(y: number, text: string, options: { indent?: number; end?: number; size?: number; bold?: boolean } = {}): PdfLine {
  const size = options.size ?? BODY;
  const bold = options.bold ?? false;
  return { page: 1, x: LEFT + (options.indent ?? 0) * BODY, right: options.end ?? RIGHT, y, size, bold, text, runs: [{ text, size, bold }] };
}

const pdf = (lines: PdfLine[]): PdfText => ({ lines, pages: 1, height: 842 });
const FULL = '街道组织党员志愿者深入小区开展入户走访逐户登记返乡';

describe('readLayout', () => {
  it('reads a title, paragraphs by indent and short last line, and the unit that ends the item', () => {
    const read = readLayout(
      pdf([
        line(700, '街道开展返乡人员排查', { size: 22, indent: 6, end: 400 }),
        line(660, FULL, { indent: 2 }),
        line(630, FULL),
        line(600, '落实防控措施。', { end: 200 }),
        line(570, FULL, { indent: 2 }),
        line(540, '完成排查。（济源路街道）', { end: 300 }),
        line(40, '— 1 —', { size: 12, indent: 13, end: 300 }),
      ]),
    );
    expect(read.items).toEqual([{ title: '街道开展返乡人员排查', paragraphs: [`${FULL}${FULL}落实防控措施。`, `${FULL}完成排查。（济源路街道）`] }]);
    expect(read.characters.furniture).toBe(3);
    expect(read.doubts).toEqual([]);
  });

  it('keeps text after an item’s unit in that item, and says so, quoting it', () => {
    const read = readLayout(
      pdf([
        line(700, '街道开展返乡人员排查', { size: 22, indent: 6, end: 400 }),
        line(660, FULL, { indent: 2 }),
        line(630, '完成排查。（济源路街道）', { end: 300 }),
        line(600, FULL, { indent: 2 }),
        line(570, '此段在单位之后。', { end: 200 }),
      ]),
    );
    expect(read.items[0]!.paragraphs).toHaveLength(2);
    expect(read.doubts).toEqual([expect.stringContaining(`“${FULL}”`)]);
  });

  it('says when a bold line that looks like a title has no indented text after it', () => {
    const read = readLayout(
      pdf([
        line(700, '街道开展返乡人员排查', { size: 22, indent: 6, end: 400 }),
        line(660, FULL, { indent: 2 }),
        line(630, '一项重点工作安排部署', { bold: true, end: 300 }),
        line(600, FULL),
        line(570, '完成。', { end: 200 }),
      ]),
    );
    expect(read.items).toHaveLength(1);
    expect(read.doubts).toEqual([expect.stringContaining('“一项重点工作安排部署”')]);
  });
});
