/** The dev server of the installed version listens where it is told, on this machine only by default. */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EleventyDevServer from '@11ty/eleventy-dev-server';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEV_HOST, hostWarning, listenOn } from '../../src/pipeline/dev-host.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dev-host-'));
const original = EleventyDevServer.prototype._serverListen;
afterAll(() => {
  EleventyDevServer.prototype._serverListen = original;
  rmSync(dir, { recursive: true, force: true });
});

/** The address a new dev server listens on. */
async function listeningAddress(): Promise<string> {
  const server = EleventyDevServer.getServer('test', dir, { logger: { info() {}, log() {}, error() {} }, portReassignmentRetryCount: 5 });
  const listening = new Promise<string>((resolve) => server.server.once('listening', () => resolve((server.server.address() as AddressInfo).address)));
  server.serve(0);
  const address = await listening;
  await server.close();
  return address;
}

describe('listenOn', () => {
  it('makes the dev server listen on 127.0.0.1, where without it it listens on every interface', async () => {
    expect(['::', '0.0.0.0']).toContain(await listeningAddress());
    await listenOn(DEFAULT_DEV_HOST);
    expect(await listeningAddress()).toBe('127.0.0.1');
  });
});

describe('hostWarning', () => {
  it('says that drafts are visible to the network when the host is not this machine', () => {
    expect(hostWarning('127.0.0.1')).toBeUndefined();
    expect(hostWarning('0.0.0.0')).toMatch(/其他电脑也能打开它.*草稿/);
  });
});
