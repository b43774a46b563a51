/**
 * The house rules of src/, checked on the source itself: stages import one another only through
 * their front doors (index.ts) and only downwards, in the order data flows; no module grows past
 * 300 lines but the search index codec; no folder is named for the build; each unit test sits in
 * the folder of tests/ that mirrors its module's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = path.join(ROOT, 'src');

/** The stages, lowest first: a stage may import the ones before it, never one after it. */
const ORDER = ['types', 'files', 'cache', 'content', 'markdown', 'site', 'search', 'eleventy', 'admin', 'print', 'pipeline', 'tools'];

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
const sources = walk(SRC).filter((file) => file.endsWith('.ts'));
const stageOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;

/** Every relative import of `file`, resolved to the file it names. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s*|import\(\s*)'(\.[^']+)'/g)].map((match) => path.resolve(path.dirname(file), match[1]!));
}

describe('src/', () => {
  it('has a folder for every stage it orders, and orders every folder it has', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual([...ORDER].sort());
    expect(folders.filter((name) => /build/i.test(name))).toEqual([]);
  });

  it('imports across stages only through a front door, and only from a stage before', () => {
    const wrong: string[] = [];
    for (const file of sources) {
      const from = stageOf(file);
      for (const target of importsOf(file)) {
        const to = stageOf(target);
        if (to === from) continue;
        const shown = `${path.relative(ROOT, file)} → ${path.relative(ROOT, target)}`;
        // browser.ts: a stage's door for browser bundles, holding only what needs no Node API.
        if (![path.join(SRC, to, 'index.ts'), path.join(SRC, to, 'browser.ts')].includes(target)) wrong.push(`${shown}: not the front door`);
        if (ORDER.indexOf(to) > ORDER.indexOf(from)) wrong.push(`${shown}: a later stage`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives each stage a front door that re-exports only its own modules', () => {
    for (const stage of ORDER.filter((name) => !['types', 'tools'].includes(name))) {
      const door = path.join(SRC, stage, 'index.ts');
      const targets = importsOf(door);
      expect(targets.length, door).toBeGreaterThan(0);
      expect(targets.filter((target) => stageOf(target) !== stage)).toEqual([]);
    }
  });

  it('has no module over 300 lines but the search index codec', () => {
    const long = sources
      .filter((file) => path.relative(SRC, file) !== path.join('search', 'format.ts'))
      .filter((file) => readFileSync(file, 'utf8').split('\n').length > 300)
      .map((file) => path.relative(ROOT, file));
    expect(long).toEqual([]);
  });
});

describe('tests/', () => {
  it('puts each unit test beside the mirror of its module: tests/<folder>/<name>.test.ts for src/<folder>/<name>.ts', () => {
    const APART = ['integration', 'browser', 'helpers', 'fixtures', 'setup'];
    const unitTests = walk(path.join(ROOT, 'tests'))
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => path.relative(path.join(ROOT, 'tests'), file))
      .filter((file) => file.includes(path.sep) && !APART.includes(file.split(path.sep)[0]!));
    const orphans = unitTests.filter((test) => !sources.includes(path.join(SRC, test.replace(/\.test\.ts$/, '.ts'))));
    expect(orphans).toEqual([]);
  });
});
