/**
 * Progress of a long build on one terminal line (`正在生成页面 1200/5116`), redrawn at most ten
 * times a second. Silent when the output is not a terminal or in CI, where a log wants no
 * carriage returns.
 */
export interface Progress {
  /** `done` (of `total`, when known) for the step named `label`. */
  update(label: string, done: number, total?: number): void;
  /** Clears the line, before the build's own messages. */
  clear(): void;
}

export const SILENT_PROGRESS: Progress = { update: () => {}, clear: () => {} };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env.CI) return SILENT_PROGRESS;
  let last = 0;
  let shown = false;
  return {
    update(label, done, total) {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${label} ${total === undefined ? done : `${done}/${total}`}`);
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
