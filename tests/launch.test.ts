/**
 * src/launch.mjs runs a command from its bundle: the same as the TypeScript, each module with its
 * own import.meta.url, bundled again whenever one of its sources or a package's version changes,
 * never stale.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, PROJECT_ROOT, removeDir, tempDir, type CliResult } from './integration/support.ts';

let project: string;
const BUNDLES = () => path.join(project, 'node_modules/.cache/bulletin');
/** The current bundle's entry file, as the manifest names it. */
async function bundle(): Promise<string> {
  const { hash } = JSON.parse(await readFile(path.join(BUNDLES(), 'src~main.json'), 'utf8')) as { hash: string };
  return path.join(BUNDLES(), `src~main-${hash.slice(0, 16)}`, 'main.mjs');
}

function launch(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['src/launch.mjs', ...args], { cwd: project }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const value = (n: number) => `export const value: number = ${n};\nexport const here = new URL('.', import.meta.url).href;\n`;

beforeAll(async () => {
  // A project of its own: the launcher and its bundler, two modules, and esbuild from this checkout.
  project = await tempDir('launch');
  await mkdir(path.join(project, 'src'));
  await mkdir(path.join(project, 'node_modules'));
  await mkdir(path.join(project, 'src/cache'));
  for (const file of ['src/launch.mjs', 'src/cache/bundle.mjs']) await copyFile(path.join(PROJECT_ROOT, file), path.join(project, file));
  await symlink(path.join(PROJECT_ROOT, 'node_modules/esbuild'), path.join(project, 'node_modules/esbuild'), 'dir');
  await writeFile(path.join(project, 'src/main.ts'), "import { here, value } from './lib/value.ts';\nconsole.log(JSON.stringify({ value, here, args: process.argv.slice(2) }));\n");
  await mkdir(path.join(project, 'src/lib'));
  await writeFile(path.join(project, 'src/lib/value.ts'), value(1));
});
afterAll(() => removeDir(project));

describe('src/launch.mjs', () => {
  it('runs the command with its own arguments, each module seeing its own import.meta.url', async () => {
    const result = await launch('src/main.ts', '--content', 'x');
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ value: 1, here: pathToFileURL(path.join(project, 'src/lib/')).href, args: ['--content', 'x'] });
  }, BUILD_TIMEOUT);

  it('runs the bundle it made while no source changed', async () => {
    const file = await bundle();
    const before = (await stat(file)).mtimeMs;
    const result = await launch('src/main.ts');
    expect(JSON.parse(result.stdout).value).toBe(1);
    expect(await bundle()).toBe(file);
    expect((await stat(file)).mtimeMs).toBe(before);
  }, BUILD_TIMEOUT);

  it('bundles again when an imported module changes, keeping the last version for commands still running', async () => {
    const last = await bundle();
    await writeFile(path.join(project, 'src/lib/value.ts'), value(2));
    expect(JSON.parse((await launch('src/main.ts')).stdout).value).toBe(2);
    expect(await bundle()).not.toBe(last);
    expect((await readdir(BUNDLES())).filter((name) => name.startsWith('src~main-'))).toHaveLength(2);
  }, BUILD_TIMEOUT);

  it('stops with a message, no stack trace, when the code does not compile', async () => {
    await writeFile(path.join(project, 'src/lib/value.ts'), 'export const value = ;\n');
    const result = await launch('src/main.ts');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('src/lib/value.ts:1:');
    expect(result.stderr).toContain('程序无法编译');
    expect(result.stderr).not.toMatch(/^\s+at\s/m);
    await writeFile(path.join(project, 'src/lib/value.ts'), value(3));
    expect(JSON.parse((await launch('src/main.ts')).stdout).value).toBe(3);
  }, BUILD_TIMEOUT);

  it('refuses import.meta.dirname and the like, which would name the bundle\'s folder', async () => {
    await writeFile(path.join(project, 'src/lib/value.ts'), `${value(4)}export const dir = import.meta.dirname;\n`);
    const result = await launch('src/main.ts');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('only import.meta.url keeps its meaning');
    await writeFile(path.join(project, 'src/lib/value.ts'), value(5));
  }, BUILD_TIMEOUT);

  it('bundles the packages a command imports, each module keeping its own import.meta.url', async () => {
    // An ES module package that reads a file beside it, and a CommonJS one that requires Node's modules.
    const esm = path.join(project, 'node_modules/beside-file');
    const cjs = path.join(project, 'node_modules/@scope/uses-require');
    await mkdir(esm, { recursive: true });
    await mkdir(cjs, { recursive: true });
    await writeFile(path.join(esm, 'package.json'), JSON.stringify({ name: 'beside-file', version: '1.0.0', type: 'module', exports: './index.js' }));
    await writeFile(path.join(esm, 'index.js'), "import { readFileSync } from 'node:fs';\nexport const word = readFileSync(new URL('./word.txt', import.meta.url), 'utf8');\n");
    await writeFile(path.join(esm, 'word.txt'), '简报');
    await writeFile(path.join(cjs, 'package.json'), JSON.stringify({ name: '@scope/uses-require', version: '1.0.0', main: 'index.js' }));
    await writeFile(path.join(cjs, 'index.js'), "const path = require('path');\nexports.joined = path.posix.join('a', 'b');\n");
    await writeFile(path.join(project, 'src/packages.ts'), "import { word } from 'beside-file';\nimport { joined } from '@scope/uses-require';\nconsole.log(JSON.stringify({ word, joined }));\n");
    expect(JSON.parse((await launch('src/packages.ts')).stdout)).toEqual({ word: '简报', joined: 'a/b' });
    // Bundled: the CommonJS package's code runs from the bundle once its file is gone.
    await writeFile(path.join(cjs, 'index.js'), 'throw new Error("loaded from node_modules");\n');
    expect(JSON.parse((await launch('src/packages.ts')).stdout)).toEqual({ word: '简报', joined: 'a/b' });
    // A new version of a package (its package.json) is bundled again.
    await writeFile(path.join(cjs, 'package.json'), JSON.stringify({ name: '@scope/uses-require', version: '1.0.1', main: 'index.js' }));
    await writeFile(path.join(cjs, 'index.js'), "exports.joined = 'v1.0.1';\n");
    expect(JSON.parse((await launch('src/packages.ts')).stdout)).toEqual({ word: '简报', joined: 'v1.0.1' });
  }, BUILD_TIMEOUT);

  it('bundles again when the project\'s package.json changes, which esbuild reads too', async () => {
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'launch-test', type: 'module' }));
    expect(JSON.parse((await launch('src/main.ts')).stdout).value).toBe(5);
    const last = await bundle();
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'launch-test', type: 'module', sideEffects: false }));
    expect(JSON.parse((await launch('src/main.ts')).stdout).value).toBe(5);
    expect(await bundle()).not.toBe(last);
  }, BUILD_TIMEOUT);

  it('gives its usage for a command that is not a TypeScript file', async () => {
    const result = await launch();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('用法');
  }, BUILD_TIMEOUT);
});
