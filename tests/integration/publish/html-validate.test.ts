/**
 * Every page of the built fixture site is valid HTML: zero errors from html-validate with the
 * project's configuration (.htmlvalidate.json, the recommended preset), every page type covered.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, PROJECT_ROOT, removeDir } from '../support.ts';
import { buildFixture, type BuiltFixture } from './support.ts';

let site: BuiltFixture;
let validator: HtmlValidate;

beforeAll(async () => {
  // The pages are built in a temporary folder, which html-validate would search for a configuration in vain.
  const config = JSON.parse(await readFile(path.join(PROJECT_ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData;
  validator = new HtmlValidate(config);
  site = await buildFixture('html-validate');
}, BUILD_TIMEOUT);
afterAll(() => removeDir(site?.dir));

describe('html-validate', () => {
  it('uses the recommended preset: it finds the mistakes a template could make', async () => {
    const report = await validator.validateString(
      '<!DOCTYPE html>\n<html lang="zh-CN">\n<head><title>x</title></head>\n<body>\n<img src="a.png">  \n<p id="a"></p><p id="a"></p>\n</body>\n</html>\n',
      'sample.html',
    );
    const rules = report.results.flatMap((r) => r.messages.map((m) => m.ruleId));
    // wcag/h37 (alt text) and no-dup-id are in every preset; no-trailing-whitespace only in "recommended".
    expect(rules).toEqual(expect.arrayContaining(['wcag/h37', 'no-dup-id', 'no-trailing-whitespace']));
  });

  it('reports no error on any page of the built site, and every page type is among them', async () => {
    const html = site.files.filter((file) => file.endsWith('.html'));
    const problems: string[] = [];
    const types = new Set<string>();
    for (const file of html) {
      const source = await readFile(path.join(site.out, file), 'utf8');
      types.add(/<body class="(page-[a-z0-9]+)/.exec(source)?.[1] ?? `no page type: ${file}`);
      const report = await validator.validateString(source, file);
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
    expect(problems).toEqual([]);
    expect(html.length).toBeGreaterThan(70);
    expect([...types].sort()).toEqual(expect.arrayContaining(['page-404', 'page-home', 'page-issue', 'page-issues', 'page-item', 'page-listing', 'page-terms']));
  }, 60_000);
});
