/**
 * Bundles one of the project's TypeScript entry points by esbuild into node_modules/.cache/bulletin/,
 * once per version of its files (a manifest beside the bundle lists its inputs and their hash,
 * checked on every call). The packages it imports are bundled too, but those in `EXTERNAL`: Node
 * resolving, reading and compiling some 1,100 package files one by one cost a build about 0.3 s
 * (bench/build/history.md, step 30). Used by src/launch.mjs for the commands and by the build for
 * its worker threads: a thread started through tsx's hooks would pay their start-up again.
 *
 * Plain JavaScript, as it runs before anything can compile TypeScript; checked by tsc (checkJs).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLES = path.join(ROOT, 'node_modules/.cache/bulletin');

/** Packages left as imports, loaded from their own folders. */
const EXTERNAL = [
  // native code: the bundler itself, and the image library
  'esbuild',
  'sharp',
  // read or start their own files by path at run time: the browser driver, PDF.js's worker, the
  // dev server's client script
  'playwright-core',
  'pdfjs-dist',
  '@11ty/eleventy-dev-server',
];

/**
 * Each package file is known by its package's package.json (its version): npm replaces a package
 * whole, and reading the manifest of some 100 packages costs a launch little where hashing their
 * 1,100 files cost 40 ms.
 * @param {string} input a bundle input, relative to the project root
 */
function versionedBy(input) {
  const parts = input.split(/[\\/]/);
  const last = parts.lastIndexOf('node_modules');
  if (last < 0) return input;
  const name = parts[last + 1]?.startsWith('@') ? 2 : 1;
  return [...parts.slice(0, last + 1 + name), 'package.json'].join('/');
}

/**
 * The hash of the bundle's inputs as they are now; undefined when one is gone.
 * @param {string[]} inputs paths relative to the project root
 */
function hashInputs(inputs) {
  // The checkout's place too: each module's import.meta.url names it, and checkouts may share node_modules.
  const hash = createHash('sha256').update(ROOT).update('\0');
  try {
    for (const input of inputs) hash.update(input).update('\0').update(readFileSync(path.join(ROOT, input))).update('\0');
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/**
 * The manifest of an earlier bundle, if there is one and it can be read.
 * @param {string} file
 * @returns {{ hash: string, inputs: string[] } | undefined}
 */
function readManifest(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Bundles of other code are removed once this old: a command started before an edit may still be loading its chunks. */
const STALE_MS = 24 * 3600 * 1000;

/**
 * The bundle of `file` for the code as it is now: the last one, or a new one. Each version is a
 * folder of its own (`<name>-<hash>/`: the entry and the chunks of its dynamic imports, loaded only
 * when imported, as a build that finds its output up to date never loads Eleventy or unified);
 * `<name>.json` names the current one.
 * @param {string} file absolute path of a TypeScript file of this checkout
 */
export async function bundleFor(file) {
  const entry = path.relative(ROOT, file);
  const name = entry.replace(/\.ts$/, '').replace(/[\\/]/g, '~');
  const main = `${path.basename(entry, '.ts')}.mjs`;
  const manifestFile = path.join(BUNDLES, `${name}.json`);
  const manifest = readManifest(manifestFile);
  if (manifest && hashInputs(manifest.inputs) === manifest.hash) return path.join(BUNDLES, `${name}-${manifest.hash.slice(0, 16)}`, main);

  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    outdir: BUNDLES,
    outExtension: { '.js': '.mjs' },
    external: EXTERNAL,
    // CommonJS packages inside an ES module bundle reach Node's modules by `require`.
    banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'error',
    legalComments: 'none',
    define: { 'import.meta.url': 'import_meta_url' },
    plugins: [
      {
        // Each module keeps its own `import.meta.url` (paths such as layouts/ and the cache's
        // code hash are resolved from the source file, not from the bundle's place; Eleventy finds
        // its own package.json so). The constant goes on the first line, so that esbuild's errors
        // name the source's own lines.
        name: 'own-import-meta-url',
        setup(plugin) {
          plugin.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            // Its other properties (dirname, filename, …) would name the bundle's folder: only .url
            // is kept. Packages are not checked: their comments and strings may name it.
            const own = !path.relative(ROOT, args.path).split(path.sep).includes('node_modules');
            const other = own && /import\.meta(?!\.url\b)/.exec(source.replace(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g, ''));
            if (other) return { errors: [{ text: 'only import.meta.url keeps its meaning in a bundle (src/cache/bundle.mjs)' }] };
            return { contents: `const import_meta_url = ${JSON.stringify(pathToFileURL(args.path).href)}; ${source}`, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
          });
        },
      },
    ],
  });
  // esbuild also reads the project's package.json (`sideEffects`) and tsconfig.json, which the metafile does not list.
  const settings = ['package.json', 'tsconfig.json'].filter((file) => existsSync(path.join(ROOT, file)));
  const inputs = [...new Set([...Object.keys(result.metafile.inputs).map(versionedBy), ...settings])].sort();
  const hash = hashInputs(inputs);
  if (!hash) throw new Error(`a source of ${entry} changed while it was bundled`);
  const folder = path.join(BUNDLES, `${name}-${hash.slice(0, 16)}`);
  if (!existsSync(path.join(folder, main))) {
    // Written whole under a temporary name, then renamed: two commands bundling at once never see half a bundle.
    const temporary = `${folder}.${process.pid}.tmp`;
    for (const file of result.outputFiles) {
      mkdirSync(path.dirname(path.join(temporary, path.relative(BUNDLES, file.path))), { recursive: true });
      writeFileSync(path.join(temporary, path.relative(BUNDLES, file.path)), file.contents);
    }
    try {
      renameSync(temporary, folder);
    } catch {
      // Another command made the same bundle first.
      rmSync(temporary, { recursive: true, force: true });
    }
  }
  writeFileSync(`${manifestFile}.${process.pid}.tmp`, JSON.stringify({ hash, inputs }));
  renameSync(`${manifestFile}.${process.pid}.tmp`, manifestFile);
  for (const other of readdirSync(BUNDLES)) {
    const written = other.startsWith(`${name}-`) && path.join(BUNDLES, other) !== folder ? statSync(path.join(BUNDLES, other), { throwIfNoEntry: false })?.mtimeMs : undefined;
    const stale = written !== undefined && Date.now() - written > STALE_MS;
    if (stale) rmSync(path.join(BUNDLES, other), { recursive: true, force: true });
  }
  return path.join(folder, main);
}
