/** Images and linked files become what the site publishes for them. */
import { describe, expect, it } from 'vitest';
import type { FileView } from '../../src/markdown/local-files.ts';
import { firstImageEager } from '../../src/markdown/local-files.ts';
import { renderMarkdown } from '../../src/markdown/render.ts';

const files: Record<string, FileView> = {
  '现场照片.jpg': {
    kind: 'image',
    src: '/p/xian-chang-zhao-pian-960.jpg',
    width: 960,
    height: 720,
    srcset: '/p/xian-chang-zhao-pian-480.jpg 480w, /p/xian-chang-zhao-pian-960.jpg 960w',
    sources: [{ type: 'image/webp', srcset: '/p/xian-chang-zhao-pian-480.webp 480w, /p/xian-chang-zhao-pian-960.webp 960w' }],
    full: '/p/xian-chang-zhao-pian-1600.jpg',
  },
  '图表.svg': { kind: 'image', src: '/p/tu-biao.svg', width: 300, height: 150, srcset: '', sources: [], full: '/p/tu-biao.svg' },
  '附件1：实施方案.pdf': { kind: 'attachment', href: '/p/fu-jian-1-shi-shi-fang-an.pdf', name: '附件1：实施方案.pdf', note: '（PDF，1.2 MB）' },
};

describe('local files', () => {
  it('makes a photo a <picture> with WebP first, its widths, its size and lazy loading', () => {
    const { html } = renderMarkdown('![施工现场](现场照片.jpg "摄于1月20日")', { files });
    expect(html).toBe(
      '<p class="photo"><picture>' +
        '<source type="image/webp" srcset="/p/xian-chang-zhao-pian-480.webp 480w, /p/xian-chang-zhao-pian-960.webp 960w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)">' +
        '<img src="/p/xian-chang-zhao-pian-960.jpg" alt="施工现场" title="摄于1月20日" srcset="/p/xian-chang-zhao-pian-480.jpg 480w, /p/xian-chang-zhao-pian-960.jpg 960w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)" width="960" height="720" loading="lazy" decoding="async">' +
        '</picture></p>',
    );
  });

  it('keeps a photo among text in its paragraph, indented as text is', () => {
    const { html } = renderMarkdown('如图![施工现场](现场照片.jpg)所示。', { files });
    expect(html).toMatch(/^<p>如图<picture>.*<\/picture>所示。<\/p>$/);
  });

  it('shows an SVG as it is, with its size, from Markdown or a raw <img>', () => {
    const svg = '<img src="/p/tu-biao.svg" alt="图表" width="300" height="150" loading="lazy" decoding="async">';
    expect(renderMarkdown('![图表](图表.svg)', { files }).html).toBe(`<p class="photo">${svg}</p>`);
    expect(renderMarkdown('<img src="图表.svg" alt="图表">', { files }).html).toBe(svg);
  });

  it('points an attachment link at its copy, downloads it under the clerk’s name, and says type and size', () => {
    const { html, text } = renderMarkdown('[附件1：实施方案](附件1：实施方案.pdf)', { files });
    expect(html).toBe('<p><a href="/p/fu-jian-1-shi-shi-fang-an.pdf" download="附件1：实施方案.pdf">附件1：实施方案</a><span class="file-note">（PDF，1.2 MB）</span></p>');
    expect(text).toBe('附件1：实施方案（PDF，1.2 MB）');
  });

  it('keeps a fragment on an attachment link and names an empty link after the file', () => {
    expect(renderMarkdown('[](附件1：实施方案.pdf#page=2)', { files }).html).toContain('<a href="/p/fu-jian-1-shi-shi-fang-an.pdf#page%3D2" download="附件1：实施方案.pdf">附件1：实施方案</a>');
  });

  it('sends a plain link to a photo to its largest published width, never to the original with its EXIF', () => {
    expect(renderMarkdown('[看原图](现场照片.jpg)', { files }).html).toBe('<p><a href="/p/xian-chang-zhao-pian-1600.jpg">看原图</a></p>');
  });

  it('leaves what is not in the map as written, for the checks to report', () => {
    expect(renderMarkdown('![图](other.jpg) [文](other.pdf)', { files }).html).toBe('<p><img src="other.jpg" alt="图"> <a href="other.pdf">文</a></p>');
  });
});

describe('firstImageEager', () => {
  it('loads the first image at once and leaves the others lazy', () => {
    const { html } = renderMarkdown('![一](现场照片.jpg)\n\n![二](图表.svg)', { files });
    const eager = firstImageEager(html);
    expect(eager.match(/loading="lazy"/g)).toHaveLength(1);
    expect(eager).toMatch(/alt="一"[^>]*decoding="async"/);
    expect(eager).not.toMatch(/alt="一"[^>]*loading/);
  });

  it('never touches a clerk’s words that look like the attribute', () => {
    const { html } = renderMarkdown('代码 `<img loading="lazy">` 如上。');
    expect(firstImageEager(html)).toBe(html);
  });
});
