/**
 * The templates' compiled sources kept between builds (src/eleventy/compiled-templates.ts): a
 * template is compiled once for all that the compiler reads, and anything it reads that changed
 * compiles it again; through the Nunjucks module Eleventy renders with, templates render as they
 * would without.
 */
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompiledTemplates, compileThrough, type NunjucksModule } from '../../src/eleventy/compiled-templates.ts';
import { makeTempDir, removeDir } from '../helpers/tree.ts';

/** The Nunjucks Eleventy renders with (its dependency, which ships no types). */
const nunjucks = createRequire(import.meta.url)('nunjucks') as NunjucksModule & {
  Environment: new (loader: null, options: object) => object;
  Template: new (source: string, environment: object) => { render(data: object): string };
};

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});
const cacheDir = async () => {
  const dir = await makeTempDir('bulletin-njk-');
  dirs.push(dir);
  return dir;
};

const OPTIONS = { autoescape: true };
const ARGS = ['<p>{{ title }}</p>', [], [], 'item.njk', OPTIONS] as const;

describe('CompiledTemplates', () => {
  it('compiles a template once, and a later build not at all', async () => {
    const dir = await cacheDir();
    const compile = vi.fn(() => 'compiled source');
    const first = CompiledTemplates.read(dir);
    expect(first.compile(compile, ...ARGS)).toBe('compiled source');
    expect(first.compile(compile, ...ARGS)).toBe('compiled source');
    expect(compile).toHaveBeenCalledTimes(1);
    await first.save();
    const later = CompiledTemplates.read(dir);
    expect(later.compile(compile, ...ARGS)).toBe('compiled source');
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it('compiles again when the text, the path, the async filters, an extension or an option changed', () => {
    const templates = CompiledTemplates.read(undefined);
    const compile = vi.fn((source: string) => `compiled ${source}`);
    templates.compile(compile, ...ARGS);
    templates.compile(compile, '<p>{{ title | upper }}</p>', [], [], 'item.njk', OPTIONS);
    templates.compile(compile, ARGS[0], [], [], 'list.njk', OPTIONS);
    templates.compile(compile, ARGS[0], ['later'], [], 'item.njk', OPTIONS);
    templates.compile(compile, ARGS[0], [], [{ __name: 'shortcode', tags: ['image'] }], 'item.njk', OPTIONS);
    templates.compile(compile, ARGS[0], [], [{ __name: 'shortcode', tags: ['figure'] }], 'item.njk', OPTIONS);
    templates.compile(compile, ARGS[0], [], [], 'item.njk', { autoescape: false });
    expect(compile).toHaveBeenCalledTimes(7);
  });

  it('writes only when this build compiled or dropped a template, and keeps what it used', async () => {
    const dir = await cacheDir();
    const first = CompiledTemplates.read(dir);
    first.compile(() => 'a', ...ARGS);
    first.compile(() => 'b', 'other', [], [], 'other.njk', OPTIONS);
    await first.save();
    const [file, ...others] = readdirSync(dir);
    expect(others).toEqual([]);
    const inode = statSync(path.join(dir, file!)).ino;
    // The same two: nothing written (an atomic write would give the file a new inode).
    const same = CompiledTemplates.read(dir);
    same.compile(() => 'never', ...ARGS);
    same.compile(() => 'never', 'other', [], [], 'other.njk', OPTIONS);
    await same.save();
    expect(readdirSync(dir)).toEqual([file]);
    expect(statSync(path.join(dir, file!)).ino).toBe(inode);
    // One of them only: the other is dropped.
    const fewer = CompiledTemplates.read(dir);
    fewer.compile(() => 'never', ...ARGS);
    await fewer.save();
    const compile = vi.fn(() => 'b again');
    CompiledTemplates.read(dir).compile(compile, 'other', [], [], 'other.njk', OPTIONS);
    expect(compile).toHaveBeenCalledTimes(1);
  });
});

describe('compileThrough', () => {
  it('renders through the kept sources as Nunjucks renders without them, and compiles each template once', () => {
    const environment = new nunjucks.Environment(null, { autoescape: true });
    const template = '{% for item in items %}<li>{{ item.title }}</li>{% endfor %}';
    const data = { items: [{ title: '标题<一>' }, { title: '标题二' }] };
    const expected = new nunjucks.Template(template, environment).render(data);
    const templates = CompiledTemplates.read(undefined);
    const compile = vi.spyOn(templates, 'compile');
    compileThrough(nunjucks, templates);
    compileThrough(nunjucks, templates);
    expect(new nunjucks.Template(template, environment).render(data)).toBe(expected);
    expect(new nunjucks.Template(template, environment).render(data)).toBe(expected);
    expect(expected).toBe('<li>标题&lt;一&gt;</li><li>标题二</li>');
    expect(compile).toHaveBeenCalledTimes(2);
    expect(compile.mock.results.map((result) => result.value)).toEqual([compile.mock.results[0]!.value, compile.mock.results[0]!.value]);
  });
});
