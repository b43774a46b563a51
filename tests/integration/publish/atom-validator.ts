/**
 * An Atom feed validator that needs no network, for the feed tests: what a feed validator (the
 * W3C's) refuses in a feed, in two layers.
 *
 * 1. `schema`: RFC 4287's own RELAX NG schema (Appendix B, fixtures/atom.rng), checked by libxml2
 *    compiled to WebAssembly (xmllint-wasm, `xmllint --relaxng`): elements, their number and
 *    order, attributes, xsd:dateTime dates, language tags, media types; and well-formedness.
 * 2. What that schema cannot express, each as its own `check`:
 *    - `author`, `link`: the schema's two Schematron rules, which RELAX NG validators skip: an entry
 *      has an author or its feed has one; an entry has an alternate link or content.
 *    - `id`: every atom:id is an absolute IRI (RFC 4287 4.2.6), and no two entries share one.
 *    - `date`: every date is an RFC 3339 date-time (3.3), stricter than xsd:dateTime: a time zone,
 *      upper-case T and Z, a real calendar date and time.
 *    - `self`: the feed's one `<link rel="self">` names where the feed is served.
 *    - `alternate`: no two alternate links of one feed or entry with the same type and hreflang
 *      (4.1.1, 4.1.2).
 *    - `html`: every text construct of type "html" (title, subtitle, summary, rights, content) is
 *      escaped HTML that parses cleanly (html-validate with the project's configuration, as the
 *      pages), is not escaped twice, has no script, frame, style or event handler, and links
 *      only to absolute URLs (the feed sets no xml:base for relative ones).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { SaxesParser } from 'saxes';
import { validateXML } from 'xmllint-wasm';
import { parseIsoDate } from '../../../src/content/date.ts';
import { PROJECT_ROOT } from '../support.ts';

export const ATOM = 'http://www.w3.org/2005/Atom';
const XML = 'http://www.w3.org/XML/1998/namespace';
const SCHEMA = path.join(PROJECT_ROOT, 'tests/integration/publish/fixtures/atom.rng');

export type Check = 'xml' | 'schema' | 'author' | 'link' | 'id' | 'date' | 'self' | 'alternate' | 'html';

export interface Problem {
  check: Check;
  line: number | undefined;
  message: string;
}

export interface FeedLocation {
  /** The absolute URL the feed is served at, which its `rel="self"` link must name. */
  servedAt: string;
}

/** An element of the feed: namespace, local name, attributes without a namespace, text, children. */
interface Element {
  uri: string;
  name: string;
  attributes: Map<string, string>;
  xmlBase: boolean;
  text: string;
  children: Element[];
  line: number;
}

/** The feed's elements (namespace-aware), or the parser's errors when it is not well-formed XML. */
function parse(xml: string): { root: Element | undefined; errors: Problem[] } {
  const errors: Problem[] = [];
  const stack: Element[] = [];
  let root: Element | undefined;
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('error', (error) => errors.push({ check: 'xml', line: parser.line, message: error.message }));
  parser.on('opentag', (tag) => {
    const attributes = new Map<string, string>();
    let xmlBase = false;
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === '') attributes.set(attribute.local, attribute.value);
      if (attribute.uri === XML && attribute.local === 'base') xmlBase = true;
    }
    const element: Element = { uri: tag.uri, name: tag.local, attributes, xmlBase, text: '', children: [], line: parser.line };
    if (stack.length === 0) root ??= element;
    else stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    if (stack.length > 0) stack.at(-1)!.text += text;
  });
  parser.on('cdata', (text) => {
    if (stack.length > 0) stack.at(-1)!.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return { root, errors };
}

const atom = (element: Element, name: string) => element.children.filter((c) => c.uri === ATOM && c.name === name);

function* descendants(element: Element): Generator<Element> {
  for (const child of element.children) {
    yield child;
    yield* descendants(child);
  }
}

/** Layer 1: the RELAX NG schema of RFC 4287, by libxml2. */
async function schemaProblems(xml: string): Promise<Problem[]> {
  const result = await validateXML({
    xml: { fileName: 'feed.xml', contents: xml },
    schema: { fileName: 'atom.rng', contents: await readFile(SCHEMA, 'utf8') },
    extension: 'relaxng',
  });
  if (result.valid) return [];
  const problems = result.errors.map((e) => ({ check: 'schema' as const, line: e.loc?.lineNumber, message: e.message }));
  // An invalid feed with no message would pass unnoticed in a list of problems.
  return problems.length > 0 ? problems : [{ check: 'schema', line: undefined, message: result.rawOutput || 'invalid' }];
}

/** RFC 3339 `date-time`, as RFC 4287 3.3 restricts it (upper-case T and Z). */
const RFC3339 = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

export function isRfc3339(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match || !parseIsoDate(match[1]!)) return false;
  const [hour, minute, second, offsetHour, offsetMinute] = match.slice(2).map((n) => Number(n ?? 0));
  return hour! <= 23 && minute! <= 59 && second! <= 60 && offsetHour! <= 23 && offsetMinute! <= 59;
}

/** An IRI with a scheme, no white space, that a URL parser accepts. */
function isAbsoluteIri(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && !/\s/.test(value) && URL.canParse(value);
}

const UNSAFE_ELEMENTS = 'script, iframe, frame, frameset, object, embed, applet, style, link, meta, base';
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'poster', 'action', 'cite', 'longdesc'];

let htmlValidator: HtmlValidate | undefined;

async function htmlProblems(html: string, where: string, line: number): Promise<Problem[]> {
  const problems: Problem[] = [];
  const report = (message: string) => problems.push({ check: 'html', line, message: `${where}: ${message}` });
  htmlValidator ??= new HtmlValidate(JSON.parse(await readFile(path.join(PROJECT_ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData);
  const result = await htmlValidator.validateString(html, where);
  for (const m of result.results.flatMap((r) => r.messages)) report(`${m.ruleId} ${m.message}`);
  const $ = load(html, null, false);
  // Escaped twice: the reader would show the markup as text.
  if (/<\/?[a-z][a-z0-9]*[\s/>]/i.test($.root().text())) report('markup shown as text: escaped twice');
  for (const el of $(UNSAFE_ELEMENTS).toArray()) report(`unsafe element <${el.tagName}>`);
  for (const el of $('*').toArray()) {
    if (!('attribs' in el)) continue;
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) report(`event handler ${name} on <${el.tagName}>`);
      if (!URL_ATTRIBUTES.includes(name.toLowerCase())) continue;
      const urls = name.toLowerCase() === 'srcset' ? value.split(',').map((s) => s.trim().split(/\s+/)[0]!) : [value.trim()];
      for (const url of urls) {
        if (/^\s*(javascript|vbscript|data):/i.test(url)) report(`unsafe URL ${name}="${url}"`);
        else if (!url.startsWith('#') && !isAbsoluteIri(url)) report(`relative URL ${name}="${url}" (the feed has no xml:base)`);
      }
    }
  }
  return problems;
}

/** Layer 2: what RFC 4287 requires and the schema cannot express. */
async function ruleProblems(feed: Element, { servedAt }: FeedLocation): Promise<Problem[]> {
  const problems: Problem[] = [];
  const report = (check: Check, element: Element, message: string) => problems.push({ check, line: element.line, message });
  const entries = atom(feed, 'entry');

  const feedHasAuthor = atom(feed, 'author').length > 0;
  for (const entry of entries) {
    const sourceAuthor = atom(entry, 'source').some((s) => atom(s, 'author').length > 0);
    if (!feedHasAuthor && atom(entry, 'author').length === 0 && !sourceAuthor) {
      report('author', entry, 'an atom:entry must have an atom:author if its feed does not');
    }
    const alternate = atom(entry, 'link').some((l) => (l.attributes.get('rel') ?? 'alternate') === 'alternate');
    if (!alternate && atom(entry, 'content').length === 0) {
      report('link', entry, 'an atom:entry must have an atom:link with rel="alternate" or an atom:content');
    }
  }

  const entryIds = new Map<string, Element>();
  for (const owner of [feed, ...entries, ...entries.flatMap((e) => atom(e, 'source'))]) {
    for (const id of atom(owner, 'id')) {
      if (!isAbsoluteIri(id.text)) report('id', id, `atom:id is not an absolute IRI: "${id.text}"`);
    }
  }
  for (const entry of entries) {
    const id = atom(entry, 'id')[0]?.text;
    if (id === undefined) continue;
    const first = entryIds.get(id);
    if (first) report('id', entry, `two entries have the id ${id} (lines ${first.line} and ${entry.line})`);
    else entryIds.set(id, entry);
  }

  for (const date of [feed, ...descendants(feed)].filter((e) => e.uri === ATOM && (e.name === 'updated' || e.name === 'published'))) {
    if (!isRfc3339(date.text)) report('date', date, `atom:${date.name} is not an RFC 3339 date-time: "${date.text}"`);
  }

  const self = atom(feed, 'link').filter((l) => l.attributes.get('rel') === 'self');
  if (self.length !== 1) report('self', feed, `the feed has ${self.length} <link rel="self">, not 1`);
  for (const link of self) {
    const href = link.attributes.get('href');
    if (href !== servedAt) report('self', link, `<link rel="self"> names ${href ?? 'nothing'}, but the feed is served at ${servedAt}`);
  }

  for (const owner of [feed, ...entries]) {
    const seen = new Set<string>();
    for (const link of atom(owner, 'link').filter((l) => (l.attributes.get('rel') ?? 'alternate') === 'alternate')) {
      const key = `${link.attributes.get('type') ?? ''} ${link.attributes.get('hreflang') ?? ''}`;
      if (seen.has(key)) report('alternate', link, `atom:${owner.name} has two alternate links of type "${key.trim()}"`);
      seen.add(key);
    }
  }

  const textConstructs = new Set(['title', 'subtitle', 'summary', 'rights', 'content']);
  for (const element of descendants(feed)) {
    if (element.uri !== ATOM || !textConstructs.has(element.name) || element.attributes.get('type') !== 'html') continue;
    problems.push(...(await htmlProblems(element.text, `atom:${element.name} on line ${element.line}`, element.line)));
  }
  return problems;
}

/** Every problem a feed validator would report in `xml`, an Atom feed served at `servedAt`; none for a valid feed. */
export async function validateAtomFeed(xml: string, location: FeedLocation): Promise<Problem[]> {
  const { root, errors } = parse(xml);
  const schema = await schemaProblems(xml);
  if (errors.length > 0 || !root) return [...errors, ...schema];
  if (root.uri !== ATOM || root.name !== 'feed') return [...schema, { check: 'xml', line: root.line, message: 'the document is not an atom:feed' }];
  return [...schema, ...(await ruleProblems(root, location))];
}

/** `line 3: [date] …`, one a line, for a test's failure message. */
export const formatProblems = (problems: readonly Problem[]) => problems.map((p) => `line ${p.line ?? '?'}: [${p.check}] ${p.message}`);
