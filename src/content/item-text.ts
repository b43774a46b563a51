/**
 * The text of an item file as the project writes it (`npm run new`, `import`, the web form) and
 * its reading back for the form. Browser-safe: the form's bundle uses it (browser.ts).
 */
import { Document, parse } from 'yaml';
import { FILL_IN_MARK } from './fill-in-mark.ts';

export interface ItemDraft {
  title: string;
  date: string;
  /** Canonical unit name; undefined for the editing office's own item. */
  unit: string | undefined;
  category: string;
  /** Markdown; paragraphs separated by a blank line. */
  body: string;
}

/** The keys written first, in the order of the README's table. */
export const DRAFT_KEYS = ['title', 'date', 'unit', 'category'] as const;

/**
 * A body without the blank lines around it. Not String.trim(): that also takes the full-width
 * spaces (U+3000) a clerk indents the first paragraph with.
 */
export const trimBody = (body: string) => body.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/[ \t\r\n]+$/, '');

const HINTS: Record<string, string> = { date: ' 年-月-日，如 2021-01-23', category: ' 从 content/_data/categories.yaml 中选一个栏目' };

/**
 * Front-matter in the order of the README's table, then `rest` (keys a file had beyond those,
 * kept by the form), then the body after one blank line.
 */
export function itemText(item: ItemDraft, rest: Readonly<Record<string, unknown>> = {}): string {
  const fields = new Document({
    title: item.title,
    date: item.date,
    ...(item.unit === undefined ? {} : { unit: item.unit }),
    category: item.category,
    ...rest,
  });
  for (const key of Object.keys(HINTS)) {
    const node = fields.get(key, true) as { value: unknown; comment?: string } | undefined;
    if (node?.value === FILL_IN_MARK) node.comment = HINTS[key];
  }
  return `---\n${fields.toString()}---\n\n${trimBody(item.body)}\n`;
}

export interface ItemParts {
  /** The front-matter's fields, read with YAML 1.2's core schema (dates stay strings). */
  data: Record<string, unknown>;
  /** The front-matter's text between the fences, each line with its line break. */
  frontMatter: string;
  /** Offset of the front-matter's text in the file. */
  frontMatterStart: number;
  /** Offset of the body: after the closing fence and the blank lines that follow it. */
  bodyStart: number;
  /** The body without the blank lines around it. */
  body: string;
}

const FENCES = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m;

/** An item's text in parts; undefined when it has no front-matter fences or its YAML is not a map. */
export function splitItem(text: string): ItemParts | undefined {
  const match = FENCES.exec(text);
  if (!match || match.index !== 0) return undefined;
  const frontMatter = match[1]!;
  let data: unknown;
  try {
    data = parse(frontMatter) ?? {};
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const after = match[0].length;
  const blank = /^(?:[ \t]*\r?\n)*/.exec(text.slice(after))![0].length;
  return {
    data: data as Record<string, unknown>,
    frontMatter,
    frontMatterStart: match[0].indexOf(frontMatter),
    bodyStart: after + blank,
    body: trimBody(text.slice(after + blank)),
  };
}
