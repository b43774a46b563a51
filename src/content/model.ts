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
}

export interface Content {
  site: SiteConfig;
  /** units.yaml's units, with the editing office first when the list does not name it. */
  units: Term[];
  categories: Term[];
  issues: Issue[];
  items: Item[];
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

/** A link or image of a body that names a local file (`附件/通知.pdf`, `<img src="photo.jpg">`). */
export interface LocalReference {
  url: string;
  image: boolean;
  /** Where it was written, counted from the body's first line. */
  line: number;
  column: number;
  /** The file it names, relative to the file it is written in. */
  relative: string;
}

/**
 * Finds the local references of a body. The Markdown stage's parser (src/markdown/references.ts)
 * is passed in, so that there is one parse of the dialect and content/ imports no stage after it.
 */
export type FindReferences = (body: string) => LocalReference[];
