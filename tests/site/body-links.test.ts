/** Body links resolved against the site: .md files become URLs, and links that lead nowhere are named at file and line. */
import { describe, expect, it } from 'vitest';
import type { BodyLinks, Item, LinkedFile } from '../../src/content/model.ts';
import { findBodyLinks } from '../../src/markdown/body-links.ts';
import { bodyTargets, checkBodyLinks, itemFiles, pagesByFile, renderJobs } from '../../src/site/body-links.ts';
import { buildSite } from '../../src/site/structure.ts';
import { content, issue, item, stubRender } from '../helpers/content.ts';

/** An item whose body is `body`, with its links as the loader finds them; the body starts on line 6. */
const withBody = (key: string, file: string, body: string, extra: Partial<Item> = {}): Item =>
  item(key, file, { body, links: findBodyLinks(body) as BodyLinks, bodyLine: 6, ...extra });

function site(items: Item[], files: LinkedFile[] = [], drafts = false) {
  const c = content({ issues: [issue('2021/02', '2021-01-18'), issue('2021/03', '2021-01-25'), issue('2021/04', '2021-02-01')], items, files });
  return { content: c, site: buildSite(c, stubRender, { drafts }) };
}

const messages = (found: ReturnType<typeof checkBodyLinks>) => found.flatMap(({ file, problems }) => problems.map((p) => `${file}:${p.line}:${p.column} ${p.message}`));

describe('pagesByFile and renderJobs', () => {
  it('map published item and issue files to their pages, and give each body its id prefix and page links', () => {
    const items = [withBody('2021/02', '01-huiyi.md', '会议。'), withBody('2021/03', '01-a.md', '见[上期](../02/01-huiyi.md)和[本期](index.md)。'), withBody('2021/03', '02-b.md', '草稿。', { draft: true })];
    const { content: c } = site(items);
    const pages = pagesByFile(c, {});
    expect(pages.get('2021/02/01-huiyi.md')).toBe('/2021/02/huiyi/');
    expect(pages.get('2021/03/index.md')).toBe('/2021/03/');
    expect(pages.has('2021/03/02-b.md')).toBe(false);
    expect(pages.has('2021/04/index.md')).toBe(false);
    const job = renderJobs(c).find((each) => each.source.startsWith('见'))!;
    expect(job).toEqual({ source: items[1]!.body, idPrefix: 'item-a-', pageLinks: { '../02/01-huiyi.md': '/2021/02/huiyi/', 'index.md': '/2021/03/' } });
  });
});

describe('itemFiles', () => {
  it("plans a body's files once for the files of a load, and anew for another load's", () => {
    const body = withBody('2021/03', '01-a.md', '![施工现场](现场照片.jpg)');
    const photo: LinkedFile = { file: '2021/03/现场照片.jpg', extension: 'jpg', bytes: 3_000_000, hash: 'h-1', width: 4000, height: 3000 };
    const { content: first } = site([body], [photo]);
    const plan = itemFiles(body, bodyTargets(first, {}));
    expect(plan.views['现场照片.jpg']).toMatchObject({ kind: 'image', width: 960, height: 720 });
    expect(itemFiles(body, bodyTargets(first, {}))).toBe(plan);
    // The same item, its photo replaced by a smaller one of other bytes: the next load's files.
    const { content: next } = site([body], [{ ...photo, hash: 'h-2', width: 800, height: 600 }]);
    expect(itemFiles(body, bodyTargets(next, {})).views['现场照片.jpg']).toMatchObject({ kind: 'image', width: 800, height: 600 });
  });
});

describe('checkBodyLinks', () => {
  it('passes links to pages, published .md files, the body’s own places and other hosts', () => {
    const body = '见[上期](../02/01-huiyi.md)、[全部](/archive/)、[本期](/2021/03)、[注](#note)和[政府网](https://www.gov.cn/)。\n\n<a id="note">注</a>';
    const { content: c, site: s } = site([withBody('2021/02', '01-huiyi.md', '会议。'), withBody('2021/03', '01-a.md', body)]);
    expect(messages(checkBodyLinks(c, s))).toEqual([]);
  });

  it('names a page that does not exist, at the line of the body in its file', () => {
    const { content: c, site: s } = site([withBody('2021/03', '01-a.md', '第一行。\n\n详见[2099年第1期](/2099/01/)。')]);
    expect(messages(checkBodyLinks(c, s))).toEqual([expect.stringMatching(/^2021\/03\/01-a\.md:8:3 链接“\/2099\/01\/”指向的页面不存在/)]);
  });

  it('names a .md link to a draft, or to an issue with nothing published yet', () => {
    const items = [withBody('2021/03', '01-a.md', '[草稿](02-b.md) [下期](../04/index.md)'), withBody('2021/03', '02-b.md', '草稿。', { draft: true })];
    const { content: c, site: s } = site(items);
    const found = messages(checkBodyLinks(c, s));
    expect(found).toEqual([expect.stringContaining('草稿（draft: true）'), expect.stringContaining('一期还没有发布的信息')]);
    const preview = site(items, [], true);
    expect(messages(checkBodyLinks(preview.content, preview.site, { drafts: true }))).toEqual([expect.stringContaining('一期还没有发布的信息')]);
  });

  it('names a # place the body does not define, and leaves photos and attachments to the content check', () => {
    const { content: c, site: s } = site([withBody('2021/03', '01-a.md', '[见注](#nowhere)\n\n![照片](photo.jpg) [附件](a.pdf)')]);
    expect(messages(checkBodyLinks(c, s))).toEqual([expect.stringContaining('“#nowhere”在本篇正文中没有对应的位置')]);
  });

  it('accepts a root-relative link to a photo or attachment the site publishes', () => {
    const files = [{ file: '2021/03/a.pdf', extension: 'pdf', bytes: 10, hash: 'h' }];
    const { content: c, site: s } = site([withBody('2021/03', '01-a.md', '[附件](a.pdf) [又见](/2021/03/a/a.pdf) [无](/2021/03/a/b.pdf)')], files);
    expect(s.files.map((f) => f.url)).toEqual(['/2021/03/a/a.pdf']);
    expect(messages(checkBodyLinks(c, s))).toEqual([expect.stringContaining('“/2021/03/a/b.pdf”指向的页面不存在')]);
  });
});
