/**
 * `npm run pdf` on the repository's sample issue (content/2021/03), read back with poppler-utils
 * as a reviewer would check the printed bulletin: A4, the 报头 first, the 报尾 last, CJK fonts
 * embedded, and the GB/T 9704-2012 geometry measured on the page. Runs Debian's chromium.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printPdf } from '../../src/print/index.ts';
import { PROJECT_ROOT, removeDir, tempDir } from '../integration/support.ts';
import { flat, linkTargets, pageText } from '../helpers/pdf.ts';

const run = promisify(execFile);
const MM = 72 / 25.4;
const TIMEOUT = 120_000;

const site = parse(await readFile(path.join(PROJECT_ROOT, 'content/_data/site.yaml'), 'utf8')) as { title: string; office: string; url: string };
const items = ['01-fangkong-huiyi.md', '02-tonghang-xiangmu.md', '03-jiyuanlu-fangkong.md'];
const titles = await Promise.all(
  items.map(async (file) => /^title: (.+)$/m.exec(await readFile(path.join(PROJECT_ROOT, 'content/2021/03', file), 'utf8'))![1]!),
);

/** `npm run pdf -- …` from the project root. */
function pdfCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/launch.mjs', 'src/tools/pdf.ts', ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, timeout: TIMEOUT },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}


async function pageCount(pdf: string): Promise<number> {
  return Number(/^Pages:\s+(\d+)/m.exec((await run('pdfinfo', [pdf])).stdout)![1]);
}

interface Line {
  /** Millimetres from the page's left and top edges. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  text: string;
}

/** The text lines poppler finds on one page, with their boxes in millimetres. */
async function lines(pdf: string, page: number): Promise<Line[]> {
  const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), '-bbox-layout', pdf, '-']);
  return [...stdout.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((m) => ({
    left: Number(m[1]) / MM,
    top: Number(m[2]) / MM,
    right: Number(m[3]) / MM,
    bottom: Number(m[4]) / MM,
    text: [...m[5]!.matchAll(/>([^<]+)<\/word>/g)].map((w) => w[1]).join(''),
  }));
}

let dir: string;
let pdf: string;
let cli: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  dir = await tempDir('pdf');
  cli = await pdfCli(['2021/03', '--site', path.join(dir, 'site')]);
  pdf = path.join(dir, 'site/2021/03/2021-03.pdf');
}, TIMEOUT);

afterAll(() => removeDir(dir));

describe('npm run pdf -- 2021/03', () => {
  it('builds the site and writes the PDF beside the issue page', () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('2021-03.pdf');
    expect(existsSync(pdf)).toBe(true);
  });

  it('prints on A4', async () => {
    const info = (await run('pdfinfo', [pdf])).stdout;
    const [, width, height] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
    expect(Math.abs(Number(width) - 210 * MM)).toBeLessThan(1);
    expect(Math.abs(Number(height) - 297 * MM)).toBeLessThan(1);
    expect(await pageCount(pdf)).toBeGreaterThan(1);
  });

  it('starts page 1 with the 报头: bulletin name, 第N期, 编印单位 and date, then the first item', async () => {
    const text = flat(await pageText(pdf, 1));
    expect(text.startsWith(`${site.title}第3期${site.office}2021年1月25日${titles[0]}`), text.slice(0, 80)).toBe(true);
  });

  it('prints every item’s title with its source unit, in order', async () => {
    const text = flat(await pageText(pdf));
    let cursor = 0;
    for (const [title, unit] of titles.map((t, i) => [t, [site.office, '通航试验区管委会', '济源路街道'][i]!])) {
      const at = text.indexOf(`${title}来源单位：${unit}`, cursor);
      expect(at, title).toBeGreaterThanOrEqual(cursor);
      cursor = at;
    }
  });

  it('ends on the last page with the 报尾 from the issue’s front-matter, after the last item', async () => {
    const last = flat(await pageText(pdf, await pageCount(pdf)));
    const colophon = ['报送：市委办公厅，市政府办公厅。', '抄送：区委、区人大常委会、区政府、区政协领导。', '发送：各镇（街道），区直各部门。', '（共印60份）'].join('');
    expect(last).toContain(colophon);
    const all = flat(await pageText(pdf));
    expect(all.indexOf(colophon)).toBeGreaterThan(all.indexOf('守好辖区防控防线。'));
  });

  it('leaves out navigation, search, table of contents and footer', async () => {
    const text = flat(await pageText(pdf));
    for (const chrome of ['跳到正文', '往期简报', '全部信息', '搜索', '目录', '返回目录', '编印单位：', '上一期', '下一期']) {
      expect(text, chrome).not.toContain(chrome);
    }
  });

  it('embeds a named CJK font (not only unnamed Type 3 glyphs)', async () => {
    const fonts = (await run('pdffonts', [pdf])).stdout.split('\n').slice(2).filter(Boolean);
    const cjk = fonts.filter((row) => /(UMing|UKai|CJK|Song|Kai|Hei|FangSong|XiaoBiaoSong)/i.test(row.split(/\s+/)[0]!));
    expect(cjk.length, fonts.join('\n')).toBeGreaterThan(0);
    for (const row of cjk) expect(row).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, with Unicode map
  });

  it('keeps GB/T 9704 geometry: margins 37 mm top, 28 mm binding; 156 × 225 mm text block; 22 lines of 28 characters', async () => {
    const pitch = 225 / 22;
    // Page 2 is a page of body text only, an even page: its binding margin is on the right.
    for (const [page, binding] of [[2, 'right'], [3, 'left']] as const) {
      const body = (await lines(pdf, page)).filter((line) => line.text.length >= 20);
      const left = binding === 'left' ? 28 : 210 - 28 - 156;
      const full = body.filter((line) => line.right - line.left > 150);
      expect(full.length, `page ${page}`).toBeGreaterThan(15);
      for (const line of full) {
        expect(line.left, line.text).toBeCloseTo(left, 0);
        expect(line.right, line.text).toBeCloseTo(left + 156, 0);
      }
      // 28 characters fill a line; line-breaking rules (no “，” to open a line) move one or two on.
      const counts = full.map((line) => line.text.length).sort((a, b) => a - b);
      expect(counts[Math.floor(counts.length / 2)], counts.join(' ')).toBe(28);
      expect(counts[0]).toBeGreaterThanOrEqual(25);
      expect(counts.at(-1)).toBeLessThanOrEqual(29);
      // Lines sit on a grid of 225/22 mm from the top of the text block at 37 mm.
      const first = body[0]!;
      const halfLeading = (pitch - (first.bottom - first.top)) / 2;
      expect(first.top - halfLeading, `page ${page} first line`).toBeCloseTo(37, 0);
      expect(body.at(-1)!.bottom + halfLeading, `page ${page} last line`).toBeLessThanOrEqual(37 + 225 + 0.5);
    }
    // Page 2 is body text from top to bottom: 22 lines, evenly spaced, filling the 225 mm.
    const page2 = (await lines(pdf, 2)).filter((line) => line.text.length >= 20);
    expect(page2).toHaveLength(22);
    for (let i = 1; i < page2.length; i++) expect(page2[i]!.top - page2[i - 1]!.top).toBeCloseTo(pitch, 0);
  });

  it('numbers the pages “— N —” under the text block, outside edge', async () => {
    const odd = (await lines(pdf, 1)).at(-1)!;
    const even = (await lines(pdf, 2)).at(-1)!;
    expect(flat(odd.text)).toBe('—1—');
    expect(flat(even.text)).toBe('—2—');
    expect(odd.top).toBeGreaterThan(37 + 225 + 5);
    expect(odd.right).toBeGreaterThan(170);
    expect(even.left).toBeLessThan(40);
  });
});

describe('printing an item page', () => {
  it('gives the bulletin name, the item and nothing of the site around it', async () => {
    const out = path.join(dir, 'item.pdf');
    await printPdf({ siteDir: path.join(dir, 'site'), url: '/2021/03/tonghang-xiangmu/', out, address: { url: site.url, pathPrefix: '/' } });
    const text = flat(await pageText(out));
    expect(text.startsWith(`${site.title}${titles[1]}`), text.slice(0, 60)).toBe(true);
    expect(text).toContain('海王地效翼船制造项目根据地勘结果加快施工图设计。');
    for (const chrome of ['跳到正文', '往期简报', '全部信息', '搜索', '编印单位：', '上一条', '下一条']) expect(text, chrome).not.toContain(chrome);
    expect(await pageCount(out)).toBe(1);
  }, TIMEOUT);
});

describe('a site built for a path prefix (SITE_URL)', () => {
  it('prints the same bulletin, its stylesheet served under the prefix', async () => {
    const out = path.join(dir, 'prefixed.pdf');
    const result = await pdfCli(['2021/03', '--site', path.join(dir, 'site-prefixed'), '--out', out], { SITE_URL: 'https://example.gov.cn/bulletin/' });
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(path.join(dir, 'site-prefixed/2021/03/index.html'), 'utf8');
    expect(html).toContain('href="/bulletin/assets/style.css"');
    const text = flat(await pageText(out, 1));
    expect(text.startsWith(`${site.title}第3期${site.office}2021年1月25日`), text.slice(0, 60)).toBe(true);
    // The item titles and units link to the published site, not to where chromium was served the page.
    const targets = await linkTargets(out);
    expect(targets).toContain('https://example.gov.cn/bulletin/2021/03/tonghang-xiangmu/');
    for (const target of targets) expect(target.startsWith('https://example.gov.cn/bulletin/'), target).toBe(true);
  }, TIMEOUT);
});

describe('without a CJK font', () => {
  it('stops before printing and says in Chinese what to install', async () => {
    const config = path.join(dir, 'no-fonts.conf');
    await writeFile(config, '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n');
    const out = path.join(dir, 'none.pdf');
    const result = await pdfCli(['2021/03', '--site', path.join(dir, 'site-unused'), '--out', out], { FONTCONFIG_FILE: config });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('未找到中文字体');
    expect(result.stderr).toContain('fonts-noto-cjk');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(path.join(dir, 'site-unused'))).toBe(false);
  }, TIMEOUT);
});

describe('bad arguments', () => {
  it('names the issue it cannot find and how to write one', async () => {
    const result = await pdfCli(['2021/99', '--site', path.join(dir, 'site')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('找不到“2021/99”');
    expect(result.stderr).toContain('2021/03');
  }, TIMEOUT);
});
