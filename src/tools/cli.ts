/** What the commands share: their flags, today's date, the paths they print. */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dateInChina, type IsoDate, parseIsoDate } from '../content/index.ts';

/** Exit code for a command line the tool cannot understand. */
export const USAGE_ERROR = 2;

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags as `node:util` reads them; on a mistake, the usage in Chinese and exit code 2. */
export function readFlags<T extends Options>(options: T, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ options, allowPositionals, strict: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const named = /'([^']+)'/.exec(message)?.[1] ?? '';
    const why =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `没有“${named}”这个选项`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `选项“${named.replace(/ <value>$/, '')}”后面缺少值`
          : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
            ? `多余的“${named}”`
            : message;
    console.error(`命令写法不对：${why}。\n${usage}`);
    process.exit(USAGE_ERROR);
  }
}

/** `--today` (for tests and for entering old bulletins), else the date in China now. */
export function today(flag: string | undefined, usage: string): IsoDate {
  if (flag === undefined) return dateInChina(new Date());
  if (parseIsoDate(flag)) return flag;
  console.error(`--today 须写成“年-月-日”，如 2021-01-25。\n${usage}`);
  process.exit(USAGE_ERROR);
}

/** A path as the clerk should see it: relative to where they ran the command, with `/`. */
export function shown(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}
