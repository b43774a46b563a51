import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FILE_TYPES } from '../../src/content/file-types.ts';
import { formatBytes, inspectFile, inspectionKey, svgProblem } from '../../src/content/linked-files.ts';
import { ANIMATED_GIF, HTML_AS_JPEG, PDF, PHOTO, SAFE_SVG, SCREENSHOT_PNG, SCRIPTED_SVG, TRUNCATED_JPEG } from '../fixtures/images.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'linked-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function inspect(name: string, bytes: string | Uint8Array) {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const extension = name.split('.').pop()!.toLowerCase();
  return (await inspectFile(file, 'state', extension, FILE_TYPES[extension]!, () => undefined)).inspection;
}

describe('inspectFile', () => {
  it('gives a photo its size as shown, EXIF orientation applied, and the hash of its bytes', async () => {
    const found = await inspect('照片.jpg', PHOTO);
    expect(found.problem).toBeUndefined();
    expect(found.file).toMatchObject({ extension: 'jpg', bytes: PHOTO.length, width: 900, height: 1200 });
    expect(found.file!.hash).toMatch(/^[\w-]{43}$/);
  });

  it('reads PNG, animated GIF and SVG sizes', async () => {
    expect((await inspect('a.png', SCREENSHOT_PNG)).file).toMatchObject({ width: 640, height: 400 });
    expect((await inspect('a.gif', ANIMATED_GIF)).file).toMatchObject({ width: 200, height: 100, animated: true });
    expect((await inspect('a.svg', SAFE_SVG)).file).toMatchObject({ width: 300, height: 150 });
  });

  it('refuses a photo cut off half way, as the build would fail to process it', async () => {
    expect((await inspect('cut.jpg', TRUNCATED_JPEG)).problem).toMatch(/不完整或已损坏/);
  });

  it('says what a file really is when its extension lies', async () => {
    expect((await inspect('page.jpg', HTML_AS_JPEG)).problem).toMatch(/不是 JPEG（实际是：HTML 网页）/);
    expect((await inspect('photo.png', PHOTO)).problem).toMatch(/不是 PNG（实际是：JPEG 文件（扩展名应为 \.jpg））/);
    expect((await inspect('fake.pdf', 'not a pdf at all')).problem).toMatch(/不是 PDF（实际是：纯文本）/);
    expect((await inspect('notes.txt', '<html><body>x</body></html>')).problem).toMatch(/HTML 网页/);
    expect((await inspect('book.docx', PDF)).problem).toMatch(/不是 Word/);
  });

  it('takes an earlier inspection of the same bytes under the same extension, whatever the file’s state', async () => {
    const file = path.join(dir, 'again.jpg');
    writeFileSync(file, PHOTO);
    const earlier = { state: 'old', hash: 'h', inspection: { problem: '早先的结论' } };
    const asked: string[] = [];
    const found = await inspectFile(file, 'new', 'jpg', FILE_TYPES.jpg!, (key) => (asked.push(key), earlier));
    expect(found).toEqual({ state: 'new', hash: createHash('sha256').update(PHOTO).digest('base64url'), inspection: earlier.inspection });
    expect(asked).toEqual([inspectionKey('jpg', found.hash)]);
  });

  it('accepts attachments whose bytes match', async () => {
    expect((await inspect('方案.pdf', PDF)).file).toMatchObject({ extension: 'pdf', bytes: PDF.length });
    expect((await inspect('名单.csv', '姓名,单位\n张三,街道\n')).file?.extension).toBe('csv');
    expect((await inspect('old.doc', Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(600), 'hex'))).problem).toBeUndefined();
  });
});

describe('svgProblem', () => {
  it('passes a drawing and refuses what runs or reaches out', () => {
    expect(svgProblem(SAFE_SVG)).toBeUndefined();
    expect(svgProblem(SCRIPTED_SVG)).toMatch(/<script>/);
    expect(svgProblem('<svg><rect onclick="x()"/></svg>')).toMatch(/事件属性 onclick/);
    expect(svgProblem('<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://t.example/a.png"/></svg>')).toMatch(/xlink:href/);
    expect(svgProblem('<svg><use href="#a"/><rect id="a"/></svg>')).toBeUndefined();
    expect(svgProblem('<svg><style>@import url(https://x.example/a.css);</style></svg>')).toMatch(/外部引用/);
    expect(svgProblem('<svg><foreignObject><p>x</p></foreignObject></svg>')).toMatch(/foreignObject/);
    expect(svgProblem('<!DOCTYPE svg [<!ENTITY a "b">]><svg/>')).toMatch(/ENTITY/);
    expect(svgProblem('<html><body/></html>')).toMatch(/不是 SVG/);
  });
});

describe('formatBytes', () => {
  it('counts as Windows does', () => {
    expect(formatBytes(100)).toBe('1 KB');
    expect(formatBytes(350 * 1024)).toBe('350 KB');
    expect(formatBytes(1.25 * 1024 * 1024)).toBe('1.3 MB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
  });
});
