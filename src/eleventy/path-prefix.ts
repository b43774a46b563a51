/**
 * The site's path prefix (SITE_URL's path, e.g. /bulletin/) on every root-relative URL of a page.
 * Templates and bodies write root-relative URLs (`/2021/03/huiyi/`); a site served under a path
 * needs `/bulletin/2021/03/huiyi/`.
 *
 * Eleventy's HtmlBasePlugin does the same for every page, but it parses each page into a tree
 * with posthtml and serializes it again: 1.6 ms a page, 8.0 s of a 22.3 s build of 4,000 items
 * (5,116 pages). This tokenizes the page (htmlparser2's tokenizer, which knows where an attribute's
 * value starts, and that script, style and comments hold no attributes) and inserts the prefix at
 * those places; every other byte stays as it was. The plugin keeps its filters (`htmlBaseUrl`,
 * `transformWithHtmlBase`), with which templates write absolute URLs.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * The attributes that hold one URL, by element: those the link check follows, and `cite`, which
 * the Markdown sanitizer lets through on quotations.
 */
export const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  form: ['action'],
  img: ['src'],
  script: ['src'],
  iframe: ['src'],
  source: ['src'],
  track: ['src'],
  audio: ['src'],
  video: ['src', 'poster'],
  embed: ['src'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite'],
  ins: ['cite'],
};

/** The attributes that hold a list of image candidates (`url 480w, url 960w`), by element. */
export const SRCSET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  img: ['srcset'],
  source: ['srcset'],
};

/** The URLs of a `srcset` value: each candidate's first word. */
export const srcsetUrls = (value: string): string[] =>
  value
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0]!)
    .filter((url) => url !== '');

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/**
 * `html` with `pathPrefix` (`/bulletin/`) before every root-relative URL (`/x`, not `//host/x`) in
 * the attributes of URL_ATTRIBUTES. Absolute, protocol-relative, relative and `#fragment` URLs
 * stay as they are, as with HtmlBasePlugin. A prefix of `/` returns `html` itself.
 */
export function addPathPrefix(html: string, pathPrefix: string): string {
  const insert = pathPrefix.replace(/\/+$/, '');
  if (insert === '') return html;
  const at: number[] = [];
  let element = '';
  let attribute = '';
  /** Where the attribute's value starts, or -1 before it has any text (or when it starts with an entity). */
  let valueStart = -1;
  let started = false;
  const noop = () => undefined;
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      element = html.slice(start, end).toLowerCase();
    },
    onclosetag: noop,
    onattribname(start, end) {
      attribute = html.slice(start, end).toLowerCase();
      valueStart = -1;
      started = false;
    },
    onattribdata(start) {
      if (!started) valueStart = start;
      started = true;
    },
    onattribentity() {
      // A value that starts with a character reference (`&#47;…`) is left as it is.
      started = true;
    },
    onattribend(_quote, end) {
      if (valueStart < 0) return;
      // HtmlBasePlugin trims the URL; so does a browser.
      const prefixAt = (from: number) => {
        let i = from;
        while (isSpace(html[i])) i++;
        if (html[i] === '/' && html[i + 1] !== '/') at.push(i);
      };
      if (URL_ATTRIBUTES[element]?.includes(attribute)) prefixAt(valueStart);
      else if (SRCSET_ATTRIBUTES[element]?.includes(attribute)) {
        prefixAt(valueStart);
        for (let i = html.indexOf(',', valueStart); i >= 0 && i < end; i = html.indexOf(',', i + 1)) prefixAt(i + 1);
      }
    },
    onopentagend: noop,
    onselfclosingtag: noop,
    ontext: noop,
    ontextentity: noop,
    oncdata: noop,
    oncomment: noop,
    ondeclaration: noop,
    onprocessinginstruction: noop,
    onend: noop,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  if (at.length === 0) return html;
  const parts: string[] = [];
  let from = 0;
  for (const i of at) {
    parts.push(html.slice(from, i), insert);
    from = i;
  }
  parts.push(html.slice(from));
  return parts.join('');
}
