/** `npm run build` and `npm run dev` as commands: a command line they cannot understand gets the usage in Chinese, never a stack trace. */
import { describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT } from '../integration/support.ts';
import { runTool } from './support.ts';

describe.each(['build', 'dev'] as const)('npm run %s', (tool) => {
  it('refuses an unknown option with the usage, exit 2', async () => {
    const result = await runTool(tool, ['--contnet', 'content']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('命令写法不对：没有“--contnet”这个选项');
    expect(result.stderr).toContain(`用法：npm run ${tool}`);
    expect(result.stderr).not.toMatch(/^\s+at\s/m);
  }, BUILD_TIMEOUT);

  it('refuses an option without its value', async () => {
    const result = await runTool(tool, ['--out']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('选项“--out”后面缺少值');
  }, BUILD_TIMEOUT);
});
