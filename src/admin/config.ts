/**
 * The web form's configuration (Decap CMS), made from the content each time it is served or
 * built: a new unit in units.yaml is in the form without editing anything else.
 */
import type { AdminSetting, IsoDate, Term } from '../content/index.ts';
import { COLLECTION, FORM_FOLDER } from './form-keys.ts';

/** Where the form saves: this checkout through `npm run dev`'s server, or GitHub for the published site. */
export type FormBackend = { kind: 'local'; api: string } | ({ kind: 'github' } & AdminSetting);

/** An issue the form offers; `create` for the new week's issue that saving will create. */
export interface FormIssue {
  key: string;
  year: number;
  number: number;
  date: string;
  create: boolean;
}

export interface FormChoices {
  office: string;
  units: readonly Term[];
  categories: readonly Term[];
  /** The issues to offer, the current one (as `npm run new` chooses it) among them. */
  issues: readonly FormIssue[];
  /** The issue a new item goes into unless the clerk picks another; undefined when there is none yet. */
  current: FormIssue | undefined;
  /** The default date of a new item; undefined in the published form, which is built ahead of use. */
  today?: IsoDate | undefined;
}

const issueLabel = (issue: FormIssue) => `${issue.year}年第${issue.number}期（${issue.create ? `新的一期，${issue.date}` : issue.date}）`;

export function cmsConfig(choices: FormChoices, backend: FormBackend): Record<string, unknown> {
  const issues = [...choices.issues].sort((a, b) => b.year - a.year || b.number - a.number);
  const local = backend.kind === 'local';
  return {
    load_config_file: false,
    locale: 'zh_Hans',
    backend: local
      ? { name: 'proxy', proxy_url: backend.api, branch: 'main' }
      : { name: 'github', repo: backend.repo, branch: backend.branch, ...(backend.baseUrl ? { base_url: backend.baseUrl } : {}) },
    ...(local ? {} : { publish_mode: 'editorial_workflow' }),
    // Items keep their photos beside them; the site-wide folder is only Decap's required default.
    media_folder: FORM_FOLDER,
    slug: { encoding: 'unicode', clean_accents: false, sanitize_replacement: '-' },
    collections: [
      {
        name: COLLECTION,
        label: '信息',
        label_singular: '信息',
        description: '每条信息存为 content/年/期号/ 中的一个文件；保存前会按 npm run check 的规则检查。',
        folder: FORM_FOLDER,
        extension: 'md',
        format: 'bulletin',
        create: true,
        path: '{{issue_year}}/{{issue_no}}/{{slug}}',
        // The name the form's script gives a new item (`name`), as `npm run new` would.
        slug: '{{name}}',
        media_folder: '',
        public_folder: '',
        summary: '{{title}}（{{date}}）',
        sortable_fields: ['date', 'title'],
        fields: [
          {
            name: 'issue',
            label: '期次',
            widget: 'select',
            hint: local
              ? '新信息放入哪一期；默认为本周这一期（新的一周自动新建）。已有的信息不能在这里改期次。'
              : '新信息放入哪一期；默认为最新一期。新的一周的一期由编印单位新建后才会出现在这里。已有的信息不能在这里改期次。',
            options: issues.map((issue) => ({ label: issueLabel(issue), value: issue.key })),
            ...(choices.current ? { default: choices.current.key } : {}),
            // GitHub hands Decap an item's file as it is, without the issue the local backend adds
            // from its folder: required, the field would stop every edit (the script asks for it on new items).
            required: local,
          },
          { name: 'title', label: '标题', widget: 'string' },
          {
            name: 'date',
            label: '日期',
            widget: 'datetime',
            format: 'YYYY-MM-DD',
            date_format: 'YYYY-MM-DD',
            time_format: false,
            picker_utc: true,
            ...(choices.today ? { default: choices.today } : {}),
          },
          {
            name: 'unit',
            label: '来源单位',
            widget: 'select',
            required: false,
            hint: `编印单位（${choices.office}）自己的信息可不选。`,
            options: choices.units.map((unit) => ({ label: unit.name === choices.office ? `${unit.name}（编印单位，本单位）` : unit.name, value: unit.name })),
          },
          { name: 'category', label: '栏目', widget: 'select', options: choices.categories.map((category) => ({ label: category.name, value: category.name })) },
          {
            name: 'body',
            label: '正文',
            widget: 'markdown',
            hint: '段与段之间空一行。插入图片时须填写“图片说明”（alt），写出图片的内容。',
            // The rich-text editor only: clerks write no Markdown.
            modes: ['rich_text'],
            buttons: ['bold', 'bulleted-list', 'numbered-list', 'link'],
            editor_components: ['image', 'attachment'],
          },
        ],
      },
    ],
  };
}
