/**
 * Where `npm run dev` listens: on this machine only (127.0.0.1) unless `--host` says otherwise,
 * since the preview shows drafts. Eleventy's dev server (@11ty/eleventy-dev-server 2.x) takes no
 * host and listens on every interface; its one listening call is replaced to pass the host. The
 * version is pinned by the lockfile, and tests/pipeline/dev-host.test.ts checks the address a
 * server of that version listens on.
 */
import type EleventyDevServer from '@11ty/eleventy-dev-server';

export const DEFAULT_DEV_HOST = '127.0.0.1';

/** Every dev server made from now on listens on `host`. */
export async function listenOn(host: string): Promise<void> {
  // Imported here: `npm run build` loads this stage too, and serves nothing.
  const { default: DevServer } = await import('@11ty/eleventy-dev-server');
  DevServer.prototype._serverListen = function (this: EleventyDevServer, port: number) {
    this.server.listen({ port, host });
  };
}

/** What to tell the clerk when the preview is open to other machines; undefined when it is not. */
export function hostWarning(host: string): string | undefined {
  if (host === DEFAULT_DEV_HOST || host === 'localhost' || host === '::1') return undefined;
  return `注意：预览在 ${host} 上监听，同一网络中的其他电脑也能打开它，并看到尚未发布的草稿（draft: true）。只在确有需要时使用 --host。`;
}
