/** Content files → the validated content model, or every problem as a diagnostic at file and line. */
export { loadContent, type LoadOptions, type LoadResult } from './load.ts';
export { LoadMemo } from './memo.ts';
export { displayPath, sortDiagnostics } from './reporter.ts';
export type { Problem } from './yaml.ts';
export type { BodyLink, BodyLinks, Colophon, Content, Diagnostic, FindLinks, IsoDate, Issue, Item, LinkedFile, LinkTarget, Severity, SiteConfig, Term } from './model.ts';
export { formatAnnotation, formatDiagnostic, summarize } from './report.ts';
export { itemSchema, Vocabulary } from './schema.ts';
export { FILL_IN_MARK } from './fill-in-mark.ts';
export { FUTURE_LIMIT_DAYS } from './warnings.ts';
export { addDays, chinaMidnight, chinaMidnightInstant, dateInChina, daysBetween, formatChineseDate, parseIsoDate, suggestIsoDate, yearOf } from './date.ts';
export { fileOrder, fileSlug, toSlug } from './slug.ts';
export { CJK_CLASS, isCjk } from './cjk.ts';
export { normalizeText } from './frontmatter.ts';
export { decodeAs, decodeUtf8, detectEncoding, looksBinary } from './encoding.ts';
export { MAX_FILE_BYTES } from './read-file.ts';
export { linkedFile } from './link-targets.ts';
export { FILE_TYPES, type FileKind, type FileType } from './file-types.ts';
export { formatBytes, IMAGE_FAIL_ON } from './linked-files.ts';
