/**
 * Nunjucks compiles every template to JavaScript source on every build: Eleventy 3.1.8 makes a
 * new environment for each and keeps no compile cache, and compiling the layouts took about 0.2 s
 * of a merge that renders a hundred pages. This keeps each compiled source in the build cache,
 * keyed by everything the compiler reads: the template's text and path, and the environment's
 * async filters, extensions (by name and tags) and options. The cache's name carries the code's
 * version, which covers the lockfile, so a new Nunjucks or Eleventy starts it empty.
 */
import { createHash } from 'node:crypto';
import { readCached, versionedName, writeVersioned } from '../cache/index.ts';

/** Nunjucks' `compiler.compile`: the JavaScript source of a template's functions. */
type Compile = (source: string, asyncFilters: readonly string[], extensions: readonly NunjucksExtension[], name: string | undefined, options: object) => string;

interface NunjucksExtension {
  __name?: string;
  tags?: readonly string[];
}

/** What this module uses of the `nunjucks` module Eleventy renders with (its `eleventy.engine.njk` event gives it). */
export interface NunjucksModule {
  compiler: { compile: Compile };
}

const KIND = 'njk';

export class CompiledTemplates {
  /** Compiled sources by key: those read, then those compiled or used by this build. */
  readonly #read: ReadonlyMap<string, string>;
  readonly #used = new Map<string, string>();

  private constructor(
    readonly dir: string | undefined,
    read: ReadonlyMap<string, string>,
  ) {
    this.#read = read;
  }

  /** The sources kept in `dir` (none without one, or when they cannot be read). */
  static read(dir: string | undefined): CompiledTemplates {
    const read = readCached(dir, versionedName(KIND));
    return new CompiledTemplates(dir, read instanceof Map ? (read as Map<string, string>) : new Map());
  }

  /** `compile(...args)`'s result: the one kept under the same arguments, or compiled now. */
  compile(compile: Compile, ...args: Parameters<Compile>): string {
    const [source, asyncFilters, extensions, name, options] = args;
    const key = createHash('sha256')
      .update(JSON.stringify([asyncFilters, extensions.map((extension) => [extension.__name ?? null, extension.tags ?? null]), name ?? null, options]))
      .update('\0')
      .update(source)
      .digest('base64url');
    let compiled = this.#used.get(key) ?? this.#read.get(key);
    compiled ??= compile(...args);
    this.#used.set(key, compiled);
    return compiled;
  }

  /** Keeps the sources this build used, when they are not exactly those read. */
  async save(): Promise<void> {
    if (!this.dir) return;
    if (this.#used.size === this.#read.size && [...this.#used.keys()].every((key) => this.#read.has(key))) return;
    await writeVersioned(this.dir, KIND, this.#used);
  }
}

const ORIGINAL = Symbol('Nunjucks’ own compile');
let active: CompiledTemplates | undefined;

/**
 * From now on, `nunjucks` compiles through `templates`. Nunjucks' templates call the compiler
 * module's `compile` when they compile, so it is wrapped once, in place; the wrapper asks the
 * templates given last (a key names all that a compiled source depends on, so any would do).
 */
export function compileThrough(nunjucks: NunjucksModule, templates: CompiledTemplates): void {
  active = templates;
  const compiler = nunjucks.compiler as { compile: Compile & { [ORIGINAL]?: Compile } };
  if (compiler.compile[ORIGINAL]) return;
  const original = compiler.compile;
  compiler.compile = Object.assign((...args: Parameters<Compile>) => active!.compile(original, ...args), { [ORIGINAL]: original });
}
