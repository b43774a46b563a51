/** The fixture site (tests/fixtures/site.ts) built into a temp folder, served on loopback, and a chromium: for browser suites. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { build } from '../../src/pipeline/build.ts';
import { writeFixtureSite } from '../fixtures/site.ts';
import { launchBrowser } from './browser.ts';
import { serve, type StaticServer } from './serve.ts';

export interface FixtureInBrowser {
  server: StaticServer;
  browser: Browser;
  /** Closes the browser and the server and removes the folder. */
  close(): Promise<void>;
}

/** Generous: building and launching take seconds; this only stops a hung one. */
export const START_TIMEOUT = 120_000;

export async function startFixtureInBrowser(): Promise<FixtureInBrowser> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bulletin-browser-'));
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await writeFixtureSite(path.join(dir, 'content'));
    const result = await build({ contentDir: path.join(dir, 'content'), outDir: path.join(dir, 'out'), root: dir });
    if (!result.ok) throw new Error(`fixture build failed: ${result.failure ?? JSON.stringify(result.diagnostics)}`);
    server = await serve(path.join(dir, 'out'));
    browser = await launchBrowser();
    return { server, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * For a suite that needs nothing more: starts the fixture in a browser before the file's tests
 * and closes it after. Read `server` and `browser` from the result inside the tests.
 */
export function useFixtureInBrowser(): { readonly server: StaticServer; readonly browser: Browser } {
  let site: FixtureInBrowser | undefined;
  beforeAll(async () => {
    site = await startFixtureInBrowser();
  }, START_TIMEOUT);
  afterAll(() => site?.close());
  return {
    get server() {
      return site!.server;
    },
    get browser() {
      return site!.browser;
    },
  };
}
