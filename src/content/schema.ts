/**
 * The one typed schema of the content, in zod. zod was chosen over valibot because its issues
 * carry the path of the offending field, which `parseYaml` turns into a line and column, it
 * reports every problem of a file in one pass, and it is the schema library most contributors
 * already read. Messages are written for clerks, in Chinese.
 */
import { z } from 'zod';
import { parseIsoDate, suggestIsoDate } from './date.ts';
import { FILL_IN_MARK } from './fill-in-mark.ts';
import { SLUG_PATTERN } from './slug.ts';
import { closest } from './suggest.ts';
import type { Term } from './model.ts';
import type { ParsedYaml, Problem } from './yaml.ts';

/** The text fields (`text` below) with their labels, so that `check` can tell a text field from the rest. */
const TEXT_LABELS = new WeakMap<z.ZodType, string>();

const text = (label: string, key: string) => {
  const schema = z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `缺少${label}：请加一行“${key}: ……”`
          : issue.input === null
            ? `${label}（${key}）为空：请填写${label}`
            : `${label}（${key}）须为一行文字`,
    })
    .trim()
    .min(1, `${label}（${key}）为空：请填写${label}`);
  TEXT_LABELS.set(schema, label);
  return schema;
};

const isoDate = z
  .string({
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? '缺少日期：请加一行“date: 2021-01-23”（年-月-日）'
        : '日期（date）须写成“年-月-日”，如 2021-01-23',
  })
  .superRefine((value, ctx) => {
    if (parseIsoDate(value)) return;
    if (value === FILL_IN_MARK) {
      ctx.addIssue({ code: 'custom', message: `日期（date）待填写：请把“${FILL_IN_MARK}”换成“年-月-日”形式的日期，如 2021-01-23` });
      return;
    }
    const suggestion = suggestIsoDate(value);
    const wellFormed = /^\d{4}-\d{2}-\d{2}$/.test(value);
    ctx.addIssue({
      code: 'custom',
      message: wellFormed
        ? `日期“${value}”不存在：请核对月份和日`
        : suggestion
          ? `日期“${value}”的写法不对：请写成 ${suggestion}`
          : `日期“${value}”的写法不对：请按“年-月-日”写，如 2021-01-23`,
    });
  });

const slug = z
  .string({ error: '网址名（slug）须为一行文字' })
  .regex(SLUG_PATTERN, '网址名（slug）只能用小写字母、数字和连字符“-”，如 slug: jiyuanlu-fangkong');

const draft = z.boolean({ error: '草稿（draft）只能写 true 或 false' });

/** Front-matter keys that would let a file change its URL or layout; clerks don't control those. */
const RESERVED_KEYS = new Set([
  'permalink',
  'layout',
  'eleventyComputed',
  'eleventyExcludeFromCollections',
  'eleventyImport',
  'eleventyNavigation',
  'eleventyDataSchema',
  'pagination',
  'tags',
  'templateEngineOverride',
  'dynamicPermalink',
]);

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  if (RESERVED_KEYS.has(key)) {
    return `不允许设置“${key}”：网址和版式由文件所在位置决定，请删除这一行`;
  }
  const guess = closest(key, allowed);
  const hint = guess ? `是否是“${guess}”？` : '';
  return `未知字段“${key}”（unknown key）：${hint}可用的字段有 ${allowed.join('、')}`;
}

/** Names and aliases of one controlled list, resolved to the canonical name. */
export class Vocabulary {
  readonly #byName = new Map<string, string>();
  readonly names: readonly string[];

  constructor(terms: readonly Term[]) {
    for (const term of terms) {
      for (const name of [term.name, ...term.aliases]) this.#byName.set(name, term.name);
    }
    this.names = terms.map((term) => term.name);
  }

  resolve(name: string): string | undefined {
    return this.#byName.get(name);
  }

  /** The hint for a name that is not on the list. */
  suggest(name: string): string | undefined {
    const known = closest(name, [...this.#byName.keys()]);
    return known === undefined ? undefined : this.resolve(known);
  }
}

/** A name from a controlled list; without the list (it failed to load) any name passes. */
function termOf(label: string, key: string, listFile: string, vocabulary: Vocabulary | undefined) {
  return text(label, key).transform((value, ctx) => {
    if (value === FILL_IN_MARK) {
      ctx.addIssue({
        code: 'custom',
        message:
          `${label}（${key}）待填写：请把“${FILL_IN_MARK}”换成名单（${listFile}）中的一个` +
          (vocabulary ? `：${vocabulary.names.slice(0, 12).join('、')}${vocabulary.names.length > 12 ? '……' : ''}` : ''),
      });
      return z.NEVER;
    }
    if (!vocabulary) return value;
    const name = vocabulary.resolve(value);
    if (name !== undefined) return name;
    const guess = vocabulary.suggest(value);
    ctx.addIssue({
      code: 'custom',
      message:
        `${label}“${value}”不在名单（${listFile}）中：` +
        (guess ? `是否是“${guess}”？` : `请从名单中选择（${vocabulary.names.slice(0, 8).join('、')}……），或请管理员把它加入名单`),
    });
    return z.NEVER;
  });
}

const FIELDS = { error: '字段区须为“字段: 值”的形式，每行一个字段' };

export function itemSchema(units: Vocabulary | undefined, categories: Vocabulary | undefined) {
  return z.strictObject({
    title: text('标题', 'title'),
    date: isoDate,
    unit: termOf('来源单位', 'unit', 'content/_data/units.yaml', units).nullish(),
    category: termOf('栏目', 'category', 'content/_data/categories.yaml', categories),
    order: z.number({ error: '顺序（order）须为正整数，如 order: 2' }).int('顺序（order）须为正整数，如 order: 2').positive('顺序（order）须为正整数，如 order: 2').nullish(),
    slug: slug.nullish(),
    draft: draft.nullish(),
  }, FIELDS);
}

/** 报送/抄送/发送 in the 报尾: one line of names as written, or a list of names. */
const recipients = (label: string, key: string) => {
  const shape = `${label}（${key}）须为一行文字，或每行以“- ”开头的名单，如 ${key}: 区委办公室、区政府办公室`;
  return z
    .union([z.string(), z.array(z.string())], { error: shape })
    .transform((value) => (typeof value === 'string' ? [value] : value).map((name) => name.trim()).filter((name) => name !== ''))
    .refine((names) => names.length > 0, `${label}（${key}）为空：请填写单位名称，或删除这一行`);
};

const copies = z
  .number({ error: '印数（copies）须为正整数，如 copies: 60' })
  .int('印数（copies）须为正整数，如 copies: 60')
  .positive('印数（copies）须为正整数，如 copies: 60');

export const issueSchema = z.strictObject({
  date: isoDate,
  title: text('期次标题', 'title').nullish(),
  draft: draft.nullish(),
  reportTo: recipients('报送', 'reportTo').nullish(),
  copyTo: recipients('抄送', 'copyTo').nullish(),
  sendTo: recipients('发送', 'sendTo').nullish(),
  copies: copies.nullish(),
}, FIELDS);

/** site.yaml's `maxFileMB` when it gives none: a phone photo is 5–10 MB. */
export const DEFAULT_MAX_FILE_MB = 20;

export const siteSchema = z.strictObject({
  title: text('简报名称', 'title'),
  office: text('编印单位', 'office'),
  url: z
    .url({ protocol: /^https?$/, error: '网站地址（url）须为完整网址，如 https://bulletin.example.gov.cn/' })
    .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  pageSize: z
    .number({ error: '每页条数（pageSize）须为 1 到 200 之间的整数' })
    .int('每页条数（pageSize）须为 1 到 200 之间的整数')
    .min(1, '每页条数（pageSize）须为 1 到 200 之间的整数')
    .max(200, '每页条数（pageSize）须为 1 到 200 之间的整数')
    .default(20),
  description: z.string({ error: '简介（description）须为一行文字' }).default(''),
  maxFileMB: z
    .number({ error: '图片、附件的大小上限（maxFileMB）须为 1 到 500 之间的数，单位 MB' })
    .min(1, '图片、附件的大小上限（maxFileMB）须为 1 到 500 之间的数，单位 MB')
    .max(500, '图片、附件的大小上限（maxFileMB）须为 1 到 500 之间的数，单位 MB')
    .default(DEFAULT_MAX_FILE_MB),
  // What 政府网站发展指引 (国办发〔2017〕47号) asks every page's footer to carry; each optional.
  footer: z
    .strictObject(
      {
        host: text('主办单位', 'host').optional(),
        siteCode: text('网站标识码', 'siteCode').optional(),
        icp: text('ICP备案号', 'icp').optional(),
        police: text('公安机关备案号', 'police').optional(),
        contact: text('联系方式', 'contact').optional(),
      },
      { error: '页脚（footer）须为“键: 值”的形式，可写 host（主办单位）、siteCode（网站标识码）、icp（ICP备案号）、police（公安机关备案号）、contact（联系方式）' },
    )
    .default({}),
  // The web form (/admin/) in the published site; without it only `npm run dev` has one.
  admin: z
    .strictObject(
      {
        backend: z.literal('github', { error: '网页表单的后端（admin.backend）目前只能是 github' }),
        repo: z.string({ error: '仓库（admin.repo）须写成“所有者/仓库名”，如 district-office/bulletin' }).regex(/^[\w.-]+\/[\w.-]+$/, '仓库（admin.repo）须写成“所有者/仓库名”，如 district-office/bulletin'),
        branch: text('分支', 'branch').default('main'),
        baseUrl: z.url({ protocol: /^https$/, error: '登录服务地址（admin.baseUrl）须为 https:// 开头的完整网址' }).optional(),
      },
      { error: '网页表单（admin）须写成 admin: { backend: github, repo: 所有者/仓库名, branch: main }' },
    )
    .optional(),
}, FIELDS);

export const termListSchema = z.array(
  z.strictObject({
    name: text('名称', 'name'),
    slug: slug.optional(),
    aliases: z.array(z.string({ error: '别名须为文字' }).trim().min(1), { error: '别名（aliases）须为列表，如 aliases: [济源路办事处]' }).default([]),
  }, { error: '名单的每一项须为“name: 名称”的形式' }),
  { error: '名单须为列表：每项以“- name: 名称”开始' },
);

/** The label of a text field, seen through `.nullish()`, `.default()` and `.transform()`; undefined for other fields. */
function textLabel(field: z.ZodType): string | undefined {
  let schema: unknown = field;
  for (;;) {
    if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) schema = schema.unwrap();
    else if (schema instanceof z.ZodPipe) schema = schema.in;
    else return TEXT_LABELS.get(schema as z.ZodType);
  }
}

/** What YAML (1.2, or the 1.1 that older tools and habits follow) reads an unquoted value as, when not as text. */
const NOT_TEXT: readonly [RegExp, string][] = [
  [/^(?:~|null|Null|NULL)$/, '空值（null）'],
  [/^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/, '是非值（boolean）'],
  [/^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[\da-fA-F_]+|\d[\d_]*(?::[0-5]?\d)*(?:\.[\d_]*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/, '数字'],
  [/^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/, '日期'],
];

/**
 * Text fields written without quotes that YAML reads, or may read, as something else: `title: 2021`
 * is the number 2021, `title: yes` a boolean to many tools, `title: ~` nothing. Refused with the fix.
 */
function notTextProblems(schema: z.ZodType, yaml: ParsedYaml): Map<string, Problem> {
  const problems = new Map<string, Problem>();
  if (!(schema instanceof z.ZodObject)) return problems;
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const label = textLabel(field);
    const written = label === undefined ? undefined : yaml.plain([key]);
    const reading = written === undefined ? undefined : NOT_TEXT.find(([pattern]) => pattern.test(written))?.[1];
    if (reading === undefined) continue;
    problems.set(key, { ...yaml.locate([key]), severity: 'error', message: `${label}（${key}）写成“${written}”会被读成${reading}而不是文字：请加上引号，写成 ${key}: "${written}"` });
  }
  return problems;
}

/** The keys an object schema, or the objects of a list schema, allows: for unknown-key hints. */
function allowedKeys(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodArray) return allowedKeys(schema.element as z.ZodType);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Checks parsed YAML against a schema and turns every issue into a positioned problem. */
export function check<T>(schema: z.ZodType<T>, yaml: ParsedYaml): { value: T | undefined; problems: Problem[] } {
  if (yaml.problems.length > 0) return { value: undefined, problems: yaml.problems };
  const notText = notTextProblems(schema, yaml);
  const result = schema.safeParse(yaml.data ?? {});
  if (result.success && notText.size === 0) return { value: result.data, problems: [] };
  // A field refused as not text is not refused again for the type YAML gave it.
  const issues = (result.success ? [] : result.error.issues).filter((issue) => !(issue.path.length === 1 && notText.has(String(issue.path[0]))));
  const problems = issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        ...yaml.locate([...issue.path, key], { key: true }),
        severity: 'error',
        message: unknownKeyMessage(key, allowedKeys(schema)),
      }));
    }
    return [{ ...yaml.locate(issue.path), severity: 'error', message: issue.message }];
  });
  return { value: undefined, problems: [...notText.values(), ...problems].sort((a, b) => a.line - b.line || a.column - b.column) };
}
