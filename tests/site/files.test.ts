import { describe, expect, it } from 'vitest';
import type { BodyLinks, LinkedFile } from '../../src/content/model.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import { bodyFilePlan, IMAGE_WIDTHS, imageWidths } from '../../src/site/files.ts';

const photo = (file: string, width = 4000, height = 3000): LinkedFile => ({ file, extension: file.split('.').pop()!.toLowerCase(), bytes: 5_000_000, hash: `h-${file}`, width, height });
const pdf: LinkedFile = { file: '2021/03/附件1：实施方案.pdf', extension: 'pdf', bytes: 1_258_291, hash: 'h-pdf' };
const files = new Map([photo('2021/03/现场照片.jpg'), photo('2021/03/小图.png', 300, 200), pdf, photo('2021/03/images/现场照片.jpg', 1000, 500)].map((f) => [f.file, f]));
const links = (body: string): BodyLinks => findBodyLinks(body);

describe('imageWidths', () => {
  it('never goes over 2,400 px nor over the image itself', () => {
    expect(imageWidths(4000)).toEqual([480, 960, 1600]);
    expect(imageWidths(1200)).toEqual([480, 960, 1200]);
    expect(imageWidths(300)).toEqual([300]);
    expect(Math.max(...IMAGE_WIDTHS)).toBeLessThanOrEqual(2400);
  });
});

describe('bodyFilePlan', () => {
  it('publishes a photo under the item’s URL with ASCII names, WebP and JPEG at each width', () => {
    const plan = bodyFilePlan('2021/03/02-xiangmu.md', links('![施工](现场照片.jpg)'), '/2021/03/xiangmu/', files);
    expect(plan.outputs.map((o) => o.url)).toEqual([
      '/2021/03/xiangmu/xian-chang-zhao-pian-480.webp',
      '/2021/03/xiangmu/xian-chang-zhao-pian-960.webp',
      '/2021/03/xiangmu/xian-chang-zhao-pian-1600.webp',
      '/2021/03/xiangmu/xian-chang-zhao-pian-480.jpg',
      '/2021/03/xiangmu/xian-chang-zhao-pian-960.jpg',
      '/2021/03/xiangmu/xian-chang-zhao-pian-1600.jpg',
    ]);
    expect(plan.outputs[0]).toMatchObject({ source: '2021/03/现场照片.jpg', hash: 'h-2021/03/现场照片.jpg', image: { width: 480, height: 360, format: 'webp' } });
    expect(plan.views['现场照片.jpg']).toMatchObject({ kind: 'image', src: '/2021/03/xiangmu/xian-chang-zhao-pian-960.jpg', width: 960, height: 720, full: '/2021/03/xiangmu/xian-chang-zhao-pian-1600.jpg' });
  });

  it('keeps a screenshot PNG and copies an attachment, noting its type and size', () => {
    const plan = bodyFilePlan('2021/03/02-xiangmu.md', links('![截图](小图.png) [附件1：实施方案](附件1：实施方案.pdf)'), '/2021/03/xiangmu/', files);
    expect(plan.outputs.map((o) => o.url)).toEqual(['/2021/03/xiangmu/xiao-tu-300.webp', '/2021/03/xiangmu/xiao-tu-300.png', '/2021/03/xiangmu/fu-jian-1-shi-shi-fang-an.pdf']);
    expect(plan.outputs[2]).toEqual({ url: '/2021/03/xiangmu/fu-jian-1-shi-shi-fang-an.pdf', source: pdf.file, hash: 'h-pdf' });
    expect(plan.views['附件1：实施方案.pdf']).toEqual({ kind: 'attachment', href: '/2021/03/xiangmu/fu-jian-1-shi-shi-fang-an.pdf', name: '附件1：实施方案.pdf', note: '（PDF，1.2 MB）' });
  });

  it('gives two files with one name their own URLs, and one file linked twice one set', () => {
    const plan = bodyFilePlan('2021/03/02-xiangmu.md', links('![一](现场照片.jpg) ![二](images/现场照片.jpg) ![三](./现场照片.jpg)'), '/2021/03/xiangmu/', files);
    const names = new Set(plan.outputs.map((o) => o.url.replace(/-\d+\.\w+$/, '')));
    expect([...names]).toEqual(['/2021/03/xiangmu/xian-chang-zhao-pian', '/2021/03/xiangmu/xian-chang-zhao-pian-2']);
    expect(plan.views['./现场照片.jpg']).toEqual(plan.views['现场照片.jpg']);
  });

  it('leaves Markdown files and files it was not given to the other checks', () => {
    expect(bodyFilePlan('2021/03/02-xiangmu.md', links('[上期](../02/01-a.md) ![无](missing.jpg)'), '/2021/03/xiangmu/', files)).toEqual({ views: {}, outputs: [] });
  });
});
