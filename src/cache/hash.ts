/** Hashes that name a version of the code or of a folder, for caches that must never serve stale output. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listTree } from '../files/index.ts';

const LOCKFILE = fileURLToPath(new URL('../../package-lock.json', import.meta.url));

/** Every file under `dir` (names and bytes, sorted), and the lockfile: the installed dependencies. */
export function hashTree(dir: string, include: (file: string) => boolean = () => true): string {
  const hash = createHash('sha256');
  for (const file of listTree(dir).filter(include)) hash.update(file).update('\0').update(readFileSync(path.join(dir, file))).update('\0');
  hash.update(existsSync(LOCKFILE) ? readFileSync(LOCKFILE) : 'no lockfile');
  return hash.digest('hex').slice(0, 16);
}

/** The project's TypeScript sources (src/) and dependencies. */
const CODE_DIR = fileURLToPath(new URL('..', import.meta.url));
let codeVersion: string | undefined;
export function currentCodeVersion(): string {
  return (codeVersion ??= hashTree(CODE_DIR, (file) => file.endsWith('.ts')));
}

/**
 * What a page's output depends on besides the site structure: the layouts, the code, and the
 * build's `options` (address, drafts). Output made under another salt is never reused.
 */
export function outputSalt(layoutsDir: string, options: unknown): string {
  return `${hashTree(layoutsDir)}:${currentCodeVersion()}:${JSON.stringify(options)}`;
}
