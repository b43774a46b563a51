/** A static file server on loopback, serving a built site as a host would: for printing and browser tests. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The file of the built site in `root` that a host serves for the URL path `pathname` (`/bulletin/2021/03/`
 * → `2021/03/index.html`), or undefined when the path is outside the site's `pathPrefix` or its folder.
 */
export function fileInSite(root: string, pathPrefix: string, pathname: string): string | undefined {
  let requested: string;
  try {
    requested = decodeURIComponent(pathname);
  } catch {
    return undefined;             // a malformed escape names no file
  }
  if (!requested.startsWith(pathPrefix)) return undefined;
  const inSite = requested.slice(pathPrefix.length - 1);
  const file = path.join(root, inSite.endsWith('/') ? `${inSite}index.html` : inSite);
  return file.startsWith(path.join(root, path.sep)) ? file : undefined;
}

/** `pathPrefix`: the site's path (`/bulletin/`) when it was built for one; the files are served under it. */
export async function serve(root: string, pathPrefix = '/'): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const file = fileInSite(root, pathPrefix, new URL(request.url ?? '/', 'http://localhost').pathname);
    try {
      if (!file) throw new Error('outside the site');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': TYPES['.html'] });
      response.end(await readFile(path.join(root, '404.html')).catch(() => 'not found'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${pathPrefix.slice(0, -1)}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
