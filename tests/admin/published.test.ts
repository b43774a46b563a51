import { describe, expect, it } from 'vitest';
import { SETUP_ID, type FormSetup } from '../../src/admin/client/setup.ts';
import { publishedAdminPage } from '../../src/admin/published.ts';
import { content, issue, item, UNITS } from '../helpers/content.ts';

const ADMIN = { backend: 'github', repo: 'district-office/bulletin', branch: 'main' } as const;
const setupOf = (html: string) => JSON.parse(new RegExp(`id="${SETUP_ID}">(.*?)</script>`).exec(html)![1]!) as FormSetup;

const ISSUES = [issue('2020/52', '2020-12-26'), issue('2021/02', '2021-01-16'), issue('2021/03', '2021-01-23')];

describe('publishedAdminPage', () => {
  it('is there only when site.yaml asks for it', () => {
    expect(publishedAdminPage(content({ issues: ISSUES, items: [] }), '/')).toBeUndefined();
    expect(publishedAdminPage(content({ issues: ISSUES, items: [], site: { admin: ADMIN } }), '/')).toContain('<title>编写信息 · 工作动态</title>');
  });

  it('saves to the repository named, offers the existing issues and the latest by default', () => {
    const setup = setupOf(publishedAdminPage(content({ issues: ISSUES, items: [], site: { admin: ADMIN } }), '/')!);
    expect(setup.config.backend).toMatchObject({ name: 'github', repo: 'district-office/bulletin', branch: 'main' });
    const [collection] = setup.config.collections as { fields: { name: string; options?: { value: string }[]; default?: string }[] }[];
    const field = collection!.fields.find((f) => f.name === 'issue')!;
    expect(field.options!.map((option) => option.value)).toEqual(['2021/03', '2021/02', '2020/52']);
    expect(field.default).toBe('2021/03');
    const units = collection!.fields.find((f) => f.name === 'unit')!;
    expect(units.options!.map((option) => option.value)).toEqual(UNITS.map((unit) => unit.name));
    expect(setup.api).toBeUndefined();
  });

  it('gives each issue the next order number and the URL segments taken, drafts included', () => {
    const items = [item('2021/03', '01-hui-yi.md'), item('2021/03', '07-kai-hui.md', { draft: true }), item('2021/02', 'bu-shi-shu-zi.md')];
    const setup = setupOf(publishedAdminPage(content({ issues: ISSUES, items, site: { admin: ADMIN } }), '/')!);
    expect(setup.places).toEqual({
      '2020/52': { next: 1, taken: [] },
      '2021/02': { next: 1, taken: ['bu-shi-shu-zi'] },
      '2021/03': { next: 8, taken: ['hui-yi', 'kai-hui'] },
    });
  });

  it('points the preview at the stylesheet under the site’s path prefix', () => {
    const setup = setupOf(publishedAdminPage(content({ issues: ISSUES, items: [], site: { admin: ADMIN } }), '/bulletin/')!);
    expect(setup.stylesheet).toBe('/bulletin/assets/style.css');
  });
});
