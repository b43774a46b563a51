/**
 * The web form's script (/admin/admin.js), run before Decap CMS's own: it sets up the item
 * format (the text `npm run new` writes), where a new item goes, the attachment button and the
 * preview in the site's stylesheet, then starts Decap with the page's configuration.
 */
import { itemFileName, splitItem } from '../../content/browser.ts';
import { entryText } from '../form-entry.ts';
import { COLLECTION } from '../form-keys.ts';
import { mendAccessibility } from './accessibility.ts';
import type { DecapWindow, ImmutableMap, PreviewProps } from './decap.ts';
import { SETUP_ID, type FormSetup } from './setup.ts';

const page = window as unknown as DecapWindow;
page.CMS_MANUAL_INIT = true;

async function call(api: string, action: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action, params }) });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(String(answer.error ?? response.statusText));
  return answer;
}

const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));

function registerFormat(setup: FormSetup): void {
  const { CMS } = page;
  CMS.registerCustomFormat('bulletin', 'md', {
    fromFile(source) {
      const parts = splitItem(source);
      return parts ? { ...parts.data, body: parts.body } : { body: source };
    },
    toFile: (data) => entryText(data, text(data.body), setup.office),
  });
}

/**
 * A new item's folder from its issue, and the file name `npm run new` would give it: asked of the
 * local backend, which reads the folder now; in the published form, from the issue as it was when
 * the site was built.
 */
function registerPlacing(setup: FormSetup): void {
  page.CMS.registerEventListener({
    name: 'preSave',
    async handler({ entry }) {
      let data = entry.get('data') as ImmutableMap;
      const issue = text(data.get('issue'));
      if (!entry.get('newRecord')) {
        // Decap keeps an existing entry's path: a changed 期次 would be dropped without a word.
        const folder = /\/(\d{4})\/(\d{2,3})\/[^/]+$/.exec(text(entry.get('path')));
        if (folder && issue !== '' && issue !== `${folder[1]}/${folder[2]}`) {
          throw new Error(`这条信息在${folder[1]}年第${Number(folder[2])}期；网页表单不移动已有的信息，请把“期次”改回。要移到别的期，请在文件夹中移动文件`);
        }
        return data;
      }
      if (issue === '') throw new Error('请在“期次”中选择这条信息放入哪一期');
      const [year, number] = issue.split('/');
      data = data.set('issue_year', year).set('issue_no', number);
      if (setup.api) return data.set('name', (await call(setup.api, 'placeItem', { issue, title: data.get('title') })).name);
      const place = setup.places?.[issue] ?? { next: 1, taken: [] };
      return data.set('name', itemFileName(place.next, text(data.get('title')), new Set(place.taken)).replace(/\.md$/, ''));
    },
  });
}

const IMAGE = /^!\[([^\]]*)\]\((.*?)(\s"([^"]*)")?\)/;
const ATTACHMENT = /^\[([^\]\n]+)\]\(<?([^)\s:<>]+\.[A-Za-z0-9]+)>?\)$/;
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A file name in a Markdown link: in angle brackets when it has a space. */
const linkTarget = (file: string) => (/\s/.test(file) ? `<${file}>` : file);

/** Decap's image button in Chinese, its text alternative asked for by name (`npm run check` requires it). */
function registerImage(): void {
  const { CMS, h } = page;
  CMS.registerEditorComponent({
    id: 'image',
    label: '图片',
    fields: [
      { name: 'image', label: '图片', widget: 'image', media_library: { allow_multiple: false } },
      { name: 'alt', label: '图片说明（必填：写出图片的内容，如“志愿者在社区发放宣传册”）', widget: 'string' },
      { name: 'title', label: '图片标题（可不填）', widget: 'string', required: false },
    ],
    pattern: IMAGE,
    fromBlock: (match) => ({ image: match[2] ?? '', alt: match[1] ?? '', title: match[4] ?? '' }),
    toBlock: (data) => `![${data.alt ?? ''}](${linkTarget(data.image ?? '')}${data.title ? ` "${data.title.replace(/"/g, '\\"')}"` : ''})`,
    toPreview: (data, getAsset) => h('img', { src: String(getAsset(data.image ?? '') ?? ''), alt: data.alt ?? '' }),
  });
}

function registerAttachment(): void {
  page.CMS.registerEditorComponent({
    id: 'attachment',
    label: '附件',
    fields: [
      { name: 'file', label: '附件文件', widget: 'file' },
      { name: 'text', label: '显示的文字（如：附件1：实施方案）', widget: 'string' },
    ],
    pattern: ATTACHMENT,
    fromBlock: (match) => ({ text: match[1] ?? '', file: match[2] ?? '' }),
    toBlock: (data) => `[${data.text || data.file}](${linkTarget(data.file ?? '')})`,
    toPreview: (data) => `<a href="${escapeHtml(data.file ?? '')}">${escapeHtml(data.text || data.file || '')}</a>`,
  });
}

/** The rendered body's images and links to files beside the item, pointed at what Decap holds for them (a new upload is only in the browser). */
function withAssets(html: string, getAsset: PreviewProps['getAsset']): string {
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  const local = (url: string | null) => url !== null && url !== '' && !/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(url);
  for (const image of body.querySelectorAll('img')) if (local(image.getAttribute('src'))) image.setAttribute('src', String(getAsset(decodeURI(image.getAttribute('src')!))));
  return body.innerHTML;
}

/** The item as its page shows it: title, meta line and body in the site's stylesheet. */
function registerPreview(setup: FormSetup): void {
  const { CMS, h, createClass } = page;
  CMS.registerPreviewStyle(setup.stylesheet);
  const Preview = createClass({
    getInitialState: () => ({ html: undefined, source: undefined }),
    componentDidMount() {
      this.componentDidUpdate!();
    },
    componentDidUpdate() {
      const body = text((this.props as PreviewProps).entry.getIn(['data', 'body']));
      if (!setup.api || body === this.state.source) return;
      this.setState({ source: body });
      // The site's own Markdown renderer, so the preview shows what the page will.
      void call(setup.api, 'renderBody', { body }).then(
        (answer) => this.setState({ html: answer.html }),
        () => this.setState({ html: undefined }),
      );
    },
    render() {
      const props = this.props as PreviewProps;
      const field = (name: string) => text(props.entry.getIn(['data', name]));
      const meta = [field('date'), field('unit') && `来源单位：${field('unit')}`, field('category') && `栏目：${field('category')}`].filter(Boolean).join('　');
      const html = this.state.html as string | undefined;
      return h(
        'article',
        { className: 'item' },
        h('header', { className: 'item-header' }, h('h1', null, field('title')), h('p', { className: 'meta' }, meta)),
        // Rendered and sanitized by the site's Markdown stage, as on the published page.
        html === undefined ? h('div', { className: 'prose' }, props.widgetFor('body')) : h('div', { className: 'prose', dangerouslySetInnerHTML: { __html: withAssets(html, props.getAsset) } }),
      );
    },
  });
  CMS.registerPreviewTemplate(COLLECTION, Preview);
}

window.addEventListener('DOMContentLoaded', () => {
  const setup = JSON.parse(document.getElementById(SETUP_ID)!.textContent!) as FormSetup;
  registerFormat(setup);
  registerPlacing(setup);
  registerImage();
  registerAttachment();
  registerPreview(setup);
  page.CMS.init({ config: setup.config });
  mendAccessibility();
});
