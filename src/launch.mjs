/**
 * Runs one of the project's commands from JavaScript, not through tsx: `node src/launch.mjs
 * src/tools/build.ts …args`. The command's TypeScript and everything of src/ it imports is
 * bundled (src/cache/bundle.mjs). Loading the modules through tsx's hooks cost about 1.4 s of every
 * build (bench/build/history.md); a bundle loads in a tenth of that.
 *
 * Plain JavaScript, as it runs before anything can compile TypeScript; checked by tsc (checkJs).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleFor } from './cache/bundle.mjs';

const entry = process.argv[2];
if (!entry?.endsWith('.ts')) {
  console.error('用法（usage）：node src/launch.mjs src/…/command.ts [参数…]');
  process.exit(2);
}
// The command reads its own flags from process.argv, as when run directly.
process.argv.splice(2, 1);
/** @type {string} */
let bundle;
try {
  bundle = await bundleFor(path.resolve(entry));
} catch (error) {
  // esbuild has printed where (file, line); this is the project's own code, not a clerk's file.
  console.error(`程序无法编译（build of the command failed）：${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
