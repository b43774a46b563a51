/** A long build shows its progress on a terminal, on one line, and nothing in CI or a log file. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { terminalProgress } from '../../src/pipeline/progress.ts';

/** A stream that records what is written; a terminal or not. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe('terminalProgress', () => {
  it('on a terminal: redraws one line with the count of the total, and clears it at the end', () => {
    vi.stubEnv('CI', '');
    const { written, stream: out } = stream(true);
    const progress = terminalProgress(out);
    progress.update('正在转换正文', 1200, 4000);
    progress.update('正在转换正文', 4000, 4000);
    progress.clear();
    expect(written).toEqual(['\r\x1b[2K正在转换正文 1200/4000', '\r\x1b[2K正在转换正文 4000/4000', '\r\x1b[2K']);
  });

  it('draws at most ten times a second, but always the last step', () => {
    vi.stubEnv('CI', '');
    vi.useFakeTimers({ now: 1_000 });
    const { written, stream: out } = stream(true);
    const progress = terminalProgress(out);
    for (let done = 1; done <= 1000; done++) progress.update('正在生成页面', done);
    expect(written).toEqual(['\r\x1b[2K正在生成页面 1']);
    vi.advanceTimersByTime(150);
    progress.update('正在生成页面', 1001, 1001);
    expect(written.at(-1)).toBe('\r\x1b[2K正在生成页面 1001/1001');
  });

  it('writes nothing when the output is not a terminal, or in CI', () => {
    vi.stubEnv('CI', '');
    const file = stream(false);
    terminalProgress(file.stream).update('正在转换正文', 1, 2);
    vi.stubEnv('CI', 'true');
    const ci = stream(true);
    const progress = terminalProgress(ci.stream);
    progress.update('正在转换正文', 1, 2);
    progress.clear();
    expect([...file.written, ...ci.written]).toEqual([]);
  });
});
