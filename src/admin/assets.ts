/**
 * The admin folder's files: Decap CMS's script and its lazy chunks, taken from node_modules
 * (bundled at install, never fetched from another host), our own script bundled by esbuild,
 * and the page. `npm run dev` serves them; a build with `admin:` in site.yaml writes them.
 */
import { readdirSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DECAP_SCRIPT, FORM_SCRIPT } from './page.ts';

const DECAP_DIST = path.join(path.dirname(createRequire(import.meta.url).resolve('decap-cms/package.json')), 'dist');
const CHUNK = /^\d+\.decap-cms\.js$/;
const CLIENT_ENTRY = fileURLToPath(new URL('client/main.ts', import.meta.url));

/** Decap's files by name: its main script and the chunks it loads beside it (no source maps). */
export function decapFiles(): Map<string, string> {
  const names = readdirSync(DECAP_DIST).filter((name) => name === DECAP_SCRIPT || CHUNK.test(name));
  return new Map(names.sort().map((name) => [name, path.join(DECAP_DIST, name)]));
}

/** Our script as one classic script: it must run before Decap's, which is not a module. */
export async function bundleFormScript(): Promise<Uint8Array> {
  // Loaded here: only a build that writes the form, or the form itself, needs esbuild.
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    minify: true,
    target: ['es2020'],
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return result.outputFiles[0]!.contents;
}

/** Writes the admin folder: the page, our script, Decap's files. */
export async function writeAdminFolder(folder: string, page: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'index.html'), page);
  await writeFile(path.join(folder, FORM_SCRIPT), await bundleFormScript());
  for (const [name, source] of decapFiles()) await copyFile(source, path.join(folder, name));
}
