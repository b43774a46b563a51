import { describe, expect, it } from 'vitest';
import { cmsConfig, type FormChoices, type FormIssue } from '../../src/admin/config.ts';
import { CATEGORIES, OFFICE, UNITS } from '../helpers/content.ts';

const ISSUES: FormIssue[] = [
  { key: '2021/02', year: 2021, number: 2, date: '2021-01-16', create: false },
  { key: '2021/03', year: 2021, number: 3, date: '2021-01-23', create: false },
  { key: '2020/52', year: 2020, number: 52, date: '2020-12-26', create: false },
];
const NEW_WEEK: FormIssue = { key: '2021/04', year: 2021, number: 4, date: '2021-01-30', create: true };

const choices = (extra: Partial<FormChoices> = {}): FormChoices => ({ office: OFFICE, units: UNITS, categories: CATEGORIES, issues: [...ISSUES, NEW_WEEK], current: NEW_WEEK, today: '2021-01-27', ...extra });
const LOCAL = { kind: 'local', api: '/admin/api/v1' } as const;
const GITHUB = { kind: 'github', backend: 'github', repo: 'district-office/bulletin', branch: 'main', baseUrl: 'https://auth.example.gov.cn' } as const;

type Field = { name: string; label: string; widget: string; options?: { label: string; value: string }[]; default?: unknown; required?: boolean; hint?: string };
function fields(config: Record<string, unknown>): Map<string, Field> {
  const [collection] = config.collections as { fields: Field[] }[];
  return new Map(collection!.fields.map((field) => [field.name, field]));
}

describe('cmsConfig', () => {
  it('labels every field in Chinese and uses Decap’s zh-Hans locale', () => {
    const config = cmsConfig(choices(), LOCAL);
    expect(config.locale).toBe('zh_Hans');
    expect([...fields(config).values()].map((field) => field.label)).toEqual(['期次', '标题', '日期', '来源单位', '栏目', '正文']);
  });

  it('offers units.yaml’s units and categories.yaml’s categories, whatever they are', () => {
    const units = [...UNITS, { name: '新设的社区服务中心', slug: 'xin-she', aliases: [] }];
    const form = fields(cmsConfig(choices({ units }), LOCAL));
    expect(form.get('unit')!.options!.map((option) => option.value)).toEqual(units.map((unit) => unit.name));
    expect(form.get('unit')!.options![0]!.label).toBe(`${OFFICE}（编印单位，本单位）`);
    expect(form.get('unit')!.required).toBe(false);
    expect(form.get('category')!.options!.map((option) => option.value)).toEqual(CATEGORIES.map((category) => category.name));
  });

  it('offers the issues newest first, the current one by default, a new week’s marked as new', () => {
    const issue = fields(cmsConfig(choices(), LOCAL)).get('issue')!;
    expect(issue.options!.map((option) => option.value)).toEqual(['2021/04', '2021/03', '2021/02', '2020/52']);
    expect(issue.options![0]!.label).toBe('2021年第4期（新的一期，2021-01-30）');
    expect(issue.options![1]!.label).toBe('2021年第3期（2021-01-23）');
    expect(issue.default).toBe('2021/04');
  });

  it('has a date picker writing YYYY-MM-DD, today by default when it is known', () => {
    const date = fields(cmsConfig(choices(), LOCAL)).get('date')!;
    expect(date).toMatchObject({ widget: 'datetime', format: 'YYYY-MM-DD', time_format: false, default: '2021-01-27' });
    expect(fields(cmsConfig(choices({ today: undefined }), LOCAL)).get('date')!.default).toBeUndefined();
  });

  it('saves through the local backend in npm run dev, without the editorial workflow', () => {
    const config = cmsConfig(choices(), LOCAL);
    expect(config.backend).toEqual({ name: 'proxy', proxy_url: '/admin/api/v1', branch: 'main' });
    expect(config.publish_mode).toBeUndefined();
  });

  it('saves through GitHub with the editorial workflow when published, and says how a new week’s issue appears', () => {
    const config = cmsConfig(choices({ issues: ISSUES, current: ISSUES[1], today: undefined }), GITHUB);
    expect(config.backend).toEqual({ name: 'github', repo: 'district-office/bulletin', branch: 'main', base_url: 'https://auth.example.gov.cn' });
    expect(config.publish_mode).toBe('editorial_workflow');
    const issue = fields(config).get('issue')!;
    expect(issue.default).toBe('2021/03');
    expect(issue.hint).toContain('由编印单位新建');
    // GitHub gives an existing item without the issue the local backend adds, which must not block its edit.
    expect(issue.required).toBe(false);
    expect(fields(cmsConfig(choices(), LOCAL)).get('issue')!.required).toBe(true);
  });

  it('has no default issue when there is none yet', () => {
    expect(fields(cmsConfig(choices({ issues: [], current: undefined }), GITHUB)).get('issue')!.default).toBeUndefined();
  });

  it('keeps each item’s photos beside it and names new items by the script’s `name`', () => {
    const [collection] = cmsConfig(choices(), LOCAL).collections as Record<string, unknown>[];
    expect(collection).toMatchObject({ folder: 'content', path: '{{issue_year}}/{{issue_no}}/{{slug}}', slug: '{{name}}', media_folder: '', public_folder: '' });
  });
});
