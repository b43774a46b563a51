/** The clerk commands as child processes, and their output read back. */
import path from 'node:path';
import { PROJECT_ROOT, runScript, type CliResult } from '../integration/support.ts';

/** `npm run check|new|import -- …` from the project root, outside GitHub Actions unless `env` says so. */
export function runTool(tool: 'build' | 'check' | 'dev' | 'new' | 'import', args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runScript(`src/tools/${tool}.ts`, args, { GITHUB_ACTIONS: '', ...env });
}

/** How the commands, run from the project root, name a file of a temp tree. */
export const shownPath = (file: string) => path.relative(PROJECT_ROOT, file).split(path.sep).join('/');

export interface Shown {
  file: string;
  line: number;
  column: number;
  message: string;
}

const DIAGNOSTIC = /^(.+?):(\d+):(\d+) {2}(\S.*)$/;

/** The `path:line:column  message` lines of an output. */
export function diagnosticsIn(output: string): Shown[] {
  return output.split('\n').flatMap((line) => {
    const match = DIAGNOSTIC.exec(line);
    return match ? [{ file: match[1]!, line: Number(match[2]), column: Number(match[3]), message: match[4]! }] : [];
  });
}
