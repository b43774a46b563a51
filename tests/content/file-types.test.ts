import { describe, expect, it } from 'vitest';
import { extensionOf, fileTypeOf } from '../../src/content/file-types.ts';

describe('fileTypeOf', () => {
  it('knows photos, drawings and documents, whatever the case of the extension', () => {
    expect(fileTypeOf('现场照片.JPG')).toMatchObject({ extension: 'jpg', type: { kind: 'raster' } });
    expect(fileTypeOf('图表.svg')).toMatchObject({ type: { kind: 'svg' } });
    for (const name of ['附件1：实施方案.pdf', '报名表.docx', '统计.xlsx', '通知.wps', '公文.ofd', '材料.zip']) {
      expect(fileTypeOf(name)).toMatchObject({ type: { kind: 'attachment' } });
    }
  });

  it('refuses programs, scripts and web pages, and says what to do with a HEIC photo', () => {
    for (const name of ['setup.exe', 'run.bat', 'app.js', 'page.html', 'page.htm', 'x.vbs', 'noextension']) {
      expect(fileTypeOf(name)).toHaveProperty('refused');
    }
    expect(fileTypeOf('IMG_0001.HEIC')).toEqual({ refused: expect.stringMatching(/另存为 JPEG/) });
  });

  it('reads the extension after the last dot only', () => {
    expect(extensionOf('a.tar.gz')).toBe('gz');
    expect(extensionOf('目录.v2/文件')).toBe('');
  });
});
