/**
 * Content models built in memory, for tests of the site structure. Defaults are the smallest
 * valid values; every field can be given.
 */
import type { Content, Issue, Item, LinkedFile, SiteConfig, Term } from '../../src/content/model.ts';
import { fileSlug } from '../../src/content/slug.ts';
import { jobKey } from '../../src/markdown/cache.ts';
import { renderMarkdown } from '../../src/markdown/render.ts';
import type { RenderMarkdown } from '../../src/site/structure.ts';

export const OFFICE = '示例区人民政府办公室';

/** A renderer that needs no Markdown: the body in one paragraph, and the body as text. */
export const stubRender: RenderMarkdown = (job) => ({ html: `<p>${job.source}</p>`, text: job.source, key: jobKey(job) });

/** The renderer itself, without a cache, as the build's lookup gives bodies. */
export const renderNow: RenderMarkdown = (job) => ({ ...renderMarkdown(job.source, job), key: jobKey(job) });

export function term(name: string, slug: string, aliases: string[] = []): Term {
  return { name, slug, aliases };
}

/** As the loader gives them: the editing office first (units.yaml does not list it here). */
export const UNITS: Term[] = [
  term(OFFICE, 'shi-li-qu-ren-min-zheng-fu-ban-gong-shi'),
  term('通航试验区管委会', 'tonghang-shiyanqu', ['通航试验区']),
  term('济源路街道', 'jiyuanlu-jiedao', ['济源路办事处']),
  term('中心路街道', 'zhongxinlu-jiedao'),
];

export const CATEGORIES: Term[] = [
  term('疫情防控', 'yiqing-fangkong'),
  term('项目建设', 'xiangmu-jianshe'),
  term('基层动态', 'jiceng-dongtai'),
];

/** An issue `key` (`2021/03`) published on `date`. */
export function issue(key: string, date: string, extra: Partial<Issue> = {}): Issue {
  const [year, number] = key.split('/');
  return {
    file: `${key}/index.md`,
    key,
    year: Number(year),
    number: Number(number),
    date,
    title: undefined,
    note: '',
    draft: false,
    colophon: { reportTo: [], copyTo: [], sendTo: [], copies: undefined },
    links: { links: [], ids: [] },
    bodyLine: 5,
    ...extra,
  };
}

/** An item of issue `key` saved as `fileName`; its slug comes from the file name unless given. */
export function item(key: string, fileName: string, extra: Partial<Item> = {}): Item {
  return {
    file: `${key}/${fileName}`,
    issue: key,
    title: `标题 ${key}/${fileName}`,
    date: '2021-01-23',
    unit: OFFICE,
    category: '疫情防控',
    order: undefined,
    slug: fileSlug(fileName),
    draft: false,
    body: `正文 ${key}/${fileName}。`,
    links: { links: [], ids: [] },
    bodyLine: 7,
    ...extra,
  };
}

export function content(parts: { issues: Issue[]; items: Item[]; site?: Partial<SiteConfig>; units?: Term[]; categories?: Term[]; files?: LinkedFile[] }): Content {
  return {
    site: {
      title: '工作动态',
      office: OFFICE,
      url: 'https://bulletin.example.gov.cn/',
      pageSize: 20,
      description: '',
      maxFileMB: 20,
      footer: {},
      ...parts.site,
    },
    units: parts.units ?? UNITS,
    categories: parts.categories ?? CATEGORIES,
    issues: parts.issues,
    items: parts.items,
    files: new Map((parts.files ?? []).map((file) => [file.file, file])),
  };
}
