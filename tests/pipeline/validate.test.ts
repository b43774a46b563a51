/**
 * One validation: `npm run check` refuses exactly what `npm run build` refuses, with the same
 * lines. Every case of tests/fixtures/bad-inputs.ts is written over the fixture site, then checked
 * (validateContent, as check runs it) and built (build); the verdicts and the diagnostics agree.
 * The command-line tools are compared on two cases, as a clerk runs them.
 */
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/content/report.ts';
import { build } from '../../src/pipeline/build.ts';
import { validateContent } from '../../src/pipeline/validate.ts';
import { INPUT_CASES, type InputCase } from '../fixtures/bad-inputs.ts';
import { writeFixtureSite } from '../fixtures/site.ts';
import { BUILD_TIMEOUT, PROJECT_ROOT, removeDir, runCli, runScript, tempDir } from '../integration/support.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map(removeDir)));

async function write(input: InputCase): Promise<{ dir: string; content: string }> {
  const dir = await tempDir('validate');
  dirs.push(dir);
  const content = path.join(dir, 'content');
  await writeFixtureSite(content);
  for (const [file, text] of Object.entries(input.files ?? {})) {
    const target = path.join(content, file);
    if (text === null) await rm(target);
    else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
    }
  }
  for (const [file, text] of Object.entries(input.append ?? {})) await appendFile(path.join(content, file), text);
  return { dir, content };
}

describe('check and build agree', () => {
  for (const input of INPUT_CASES) {
    it(`on ${input.name}`, async () => {
      const { dir, content } = await write(input);
      const checked = await validateContent(content, { root: dir, today: '2021-02-01' });
      const built = await build({ contentDir: content, outDir: path.join(dir, 'out'), root: dir, today: '2021-02-01', siteUrl: '' });
      const checkLines = checked.diagnostics.map(formatDiagnostic);
      const checkRefused = checked.diagnostics.some((d) => d.severity === 'error');
      expect(checkRefused, checkLines.join('\n')).toBe(input.refused);
      expect(built.ok, `${built.failure ?? ''}\n${built.diagnostics.map(formatDiagnostic).join('\n')}`).toBe(!input.refused);
      expect(built.failure).toBeUndefined();
      expect(built.diagnostics.map(formatDiagnostic)).toEqual(checkLines);
      // Every refusal names a file, a line and a column, in Chinese.
      for (const d of checked.diagnostics) expect(d.message).toMatch(/\p{Script=Han}/u);
    }, BUILD_TIMEOUT);
  }
});

describe('the commands as a clerk runs them', () => {
  for (const name of ['a link to an issue not published', 'a title cut short by a # comment']) {
    it(`print the same lines for ${name}`, async () => {
      const { dir, content } = await write(INPUT_CASES.find((input) => input.name === name)!);
      const relative = path.relative(PROJECT_ROOT, content);
      const check = await runScript('src/tools/check.ts', ['--content', relative]);
      const buildRun = await runCli(['--content', relative, '--out', path.join(dir, 'out')], { SITE_URL: '' });
      expect(check.code).toBe(1);
      expect(buildRun.code).toBe(1);
      const diagnosticLines = (text: string) => text.split('\n').filter((line) => /:\d+:\d+ {2}/.test(line));
      expect(diagnosticLines(check.stdout).length).toBeGreaterThan(0);
      expect(diagnosticLines(buildRun.stderr)).toEqual(diagnosticLines(check.stdout));
    }, BUILD_TIMEOUT);
  }
});
