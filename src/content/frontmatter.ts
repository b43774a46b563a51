/**
 * Splits a content file into front-matter and Markdown body. gray-matter finds the fences;
 * the YAML between them is read by `parseYaml`, which keeps positions for every field.
 */
import matter from 'gray-matter';
import { parseYaml, type ParsedYaml, type Problem } from './yaml.ts';

export interface ParsedFile {
  frontMatter: ParsedYaml;
  body: string;
  /** Line of the file on which the body starts. */
  bodyLine: number;
}

/** Word and WPS save with a BOM and CRLF; both are accepted as they are. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** `problems` are those of the fences; a file with fences comes back parsed, YAML problems and all. */
export function parseContentFile(raw: string): { parsed: ParsedFile | undefined; problems: Problem[] } {
  const text = normalizeText(raw);
  const stop = (message: string) => ({ parsed: undefined, problems: [{ line: 1, column: 1, severity: 'error' as const, message }] });
  if (!/^---[ \t]*\n/.test(text)) {
    return stop('文件开头缺少字段区（front-matter）：第一行应为“---”，其后写 title、date 等字段，再以一行“---”结束');
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    return stop('字段区（front-matter）没有结束：请在最后一个字段之后加一行“---”，再写正文');
  }
  let frontMatter: ParsedYaml | undefined;
  // The engine hands over the raw block between the fences, which begins on line 1 of the file.
  const file = matter(text, {
    engines: {
      yaml: (source: string) => {
        frontMatter = parseYaml(source);
        return {};
      },
    },
  });
  frontMatter ??= parseYaml('');
  const bodyLine = text.slice(0, text.length - file.content.length).split('\n').length;
  // YAML problems stay in `frontMatter`; `check` reports them with the schema's.
  return { parsed: { frontMatter, body: file.content, bodyLine }, problems: [] };
}
