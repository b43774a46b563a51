/**
 * The content model: what clerks commit, once it has been read and validated.
 * Every later stage (site structure, rendering, search, tools) starts from these types.
 */

/** A calendar date in China, always `YYYY-MM-DD`. Kept as a string so no time zone can shift it. */
export type IsoDate = string;

export interface SiteConfig {
  /** Bulletin name shown in the 报头, e.g. 工作动态. */
  title: string;
  /** Editing office (编印单位); items without `unit` are its own. */
  office: string;
  /** Absolute URL the site is published at, ending in `/`. */
  url: string;
  /** Items per archive and taxonomy page. */
  pageSize: number;
  /** One sentence for the home page and metadata. */
  description: string;
  /** Largest photo or attachment a body may link to, in MB (1,048,576 bytes, as Windows counts them). */
  maxFileMB: number;
  /** What every page's footer carries besides the editing office; each shown when given. */
  footer: SiteFooter;
  /** The published web form's Git backend; undefined: the form is only in `npm run dev`. */
  admin?: AdminSetting | undefined;
}

/** Where the published web form saves: a GitHub repository, each item a pull request. */
export interface AdminSetting {
  backend: 'github';
  /** `owner/name` */
  repo: string;
  branch: string;
  /** The OAuth service that signs clerks in to GitHub (Decap's `base_url`). */
  baseUrl?: string | undefined;
}

/** The identifiers a Chinese government site shows in its footer (政府网站发展指引). */
export interface SiteFooter {
  /** 主办单位 */
  host?: string | undefined;
  /** 网站标识码 */
  siteCode?: string | undefined;
  /** ICP备案号, e.g. 豫ICP备12345678号-1: linked to the MIIT record search. */
  icp?: string | undefined;
  /** 公安机关备案号, e.g. 豫公网安备41010202000001号: linked to its record by the number. */
  police?: string | undefined;
  /** 联系方式: a telephone number or an address. */
  contact?: string | undefined;
}

/** A controlled term: a source unit (来源单位) or a category (栏目). */
export interface Term {
  name: string;
  /** ASCII URL segment. */
  slug: string;
  /** Other names clerks may write for it (units only). */
  aliases: string[];
}

export interface Issue {
  /** Path of its index.md, relative to the content folder, with `/`. */
  file: string;
  /** Folder key, e.g. `2021/03`. */
  key: string;
  year: number;
  /** 第N期 within the year. */
  number: number;
  /** Publication date. */
  date: IsoDate;
  title: string | undefined;
  /** Editor's note (编者按), Markdown; empty when there is none. */
  note: string;
  draft: boolean;
  /** What the 报尾 says; empty lists and no `copies` when the front-matter gives none. */
  colophon: Colophon;
  /** The note's links, with the line on which the note starts. */
  links: BodyLinks;
  bodyLine: number;
}

/** The 报尾 printed after the last item of an issue. */
export interface Colophon {
  /** 报送: offices the issue is reported to, as written. */
  reportTo: string[];
  /** 抄送 */
  copyTo: string[];
  /** 发送 */
  sendTo: string[];
  /** 共印N份 */
  copies: number | undefined;
}

export interface Item {
  /** Path relative to the content folder, with `/`, e.g. `2021/03/01-huiyi.md`. */
  file: string;
  /** Key of the issue it belongs to. */
  issue: string;
  title: string;
  date: IsoDate;
  /** Canonical unit name; the editing office's name when the item has no `unit`. */
  unit: string;
  /** Canonical category name. */
  category: string;
  /** Explicit position within the issue, when given. */
  order: number | undefined;
  /** ASCII URL segment within the issue. */
  slug: string;
  draft: boolean;
  /** Markdown body. */
  body: string;
  /** The body's links, with the line of the file on which the body starts. */
  links: BodyLinks;
  bodyLine: number;
}

/** A local file a body links to or shows (not a Markdown file), as read and checked. */
export interface LinkedFile {
  /** Relative to the content folder, with `/`. */
  file: string;
  /** Lower case, without the dot: a key of FILE_TYPES (src/content/file-types.ts). */
  extension: string;
  bytes: number;
  /** SHA-256 of the bytes, base64url: what a processed image is cached by. */
  hash: string;
  /** Images: the size as shown, EXIF orientation applied. */
  width?: number;
  height?: number;
  /** A raster image of more than one frame (an animated GIF or WebP). */
  animated?: boolean;
}

export interface Content {
  site: SiteConfig;
  /** units.yaml's units, with the editing office first when the list does not name it. */
  units: Term[];
  categories: Term[];
  issues: Issue[];
  items: Item[];
  /** The local files the bodies link to or show, by path relative to the content folder. */
  files: Map<string, LinkedFile>;
}

export type Severity = 'error' | 'warning';

/** A problem found in the content, pointing at a place a clerk can open. */
export interface Diagnostic {
  /** Path relative to the project root, with `/`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: Severity;
  /** Chinese, says what is wrong and how to fix it. */
  message: string;
}

/** What a link or image of a body points at. */
export type LinkTarget =
  /** A file beside the body's own: the path relative to its folder, decoded, without query or fragment. */
  | { kind: 'file'; path: string; fragment: string }
  /** A page of this site, root-relative (`/2021/02/`), without query or fragment. */
  | { kind: 'page'; path: string; fragment: string }
  /** A place in the same body (`#fn-1`). */
  | { kind: 'fragment'; id: string }
  /** Another host, mail and the like: not this site's to check. */
  | { kind: 'external' };

/** A link or image of a body, as written. */
export interface BodyLink {
  url: string;
  /**
   * `image`: `![…](…)` or `<img>`; `embed`: raw HTML that would load its URL into the page
   * (`<video>`, `<iframe>`, `<audio>`, `<embed>`, `<object>`, `<source>`, `<track>`, `<script>`, `<link>`).
   */
  kind: 'link' | 'image' | 'embed';
  /** An image's text alternative as written (`![这里](…)`, `alt="…"`); '' when it has none. */
  alt?: string;
  /** The HTML element of an embed, lower case. */
  element?: string;
  /** Where it was written, counted from the body's first line. */
  line: number;
  column: number;
  target: LinkTarget;
}

/** A body's links and the ids it defines (footnotes, raw `id` and `name`), for `#` links to resolve against. */
export interface BodyLinks {
  links: BodyLink[];
  ids: string[];
}

/**
 * Finds a body's links. The Markdown stage's parser (src/markdown/body-links.ts) is passed in,
 * so that there is one parse of the dialect and content/ imports no stage after it.
 */
export type FindLinks = (body: string) => BodyLinks;
