/** A bundled worker thread answers once; one that exits without answering fails, naming its work. */
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { workerAnswer } from '../../src/cache/worker.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/workers/${name}.ts`, import.meta.url));

describe('workerAnswer', () => {
  it('resolves with the worker’s message, structured data and all', async () => {
    expect(await workerAnswer(fixture('echo'), { a: 1, b: ['二'] }, '测试')).toEqual(new Map<string, unknown>([['a', 1], ['b', ['二']]]));
  });

  it('rejects, in Chinese and with the exit code, when the worker exits without answering', async () => {
    await expect(workerAnswer(fixture('silent'), {}, '测试')).rejects.toThrow('测试的工作线程意外退出（exit code 3）');
  });

  it('leaves no unhandled rejection when its failure is never awaited', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const answer = workerAnswer(fixture('silent'), {}, '测试');
      // Watched without a handler of its own: inspect shows its state without attaching one.
      while (!inspect(answer).includes('<rejected>')) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
