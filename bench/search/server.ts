/**
 * A static server on 127.0.0.1 for the benchmark, compressing as a typical host does: gzip for
 * HTML, JavaScript, CSS and JSON; other files (our .bin parts, Pagefind's .pf_* files and wasm,
 * both compressed at build time) as they are. It counts the bytes of every response body sent,
 * which is what a cold browser downloads.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

export interface Sent {
  path: string;
  bytes: number;
}

export interface BenchServer {
  url: string;
  /** Responses since the last `take()`. */
  take(): Sent[];
  close(): Promise<void>;
}

export async function serveBench(root: string): Promise<BenchServer> {
  let sent: Sent[] = [];
  const cache = new Map<string, Buffer>();
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = path.join(root, pathname);
    try {
      if (!file.startsWith(root)) throw new Error('outside');
      const type = TYPES[path.extname(file)];
      const gzip = type !== undefined && /\bgzip\b/.test(String(request.headers['accept-encoding']));
      let body = cache.get(file + gzip);
      if (!body) {
        const raw = await readFile(file);
        body = gzip ? gzipSync(raw, { level: 6 }) : raw;
        cache.set(file + gzip, body);
      }
      response.writeHead(200, {
        'content-type': type ?? 'application/octet-stream',
        'cache-control': 'max-age=3600',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      response.end(body);
      sent.push({ path: pathname, bytes: body.length });
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    take: () => {
      const taken = sent;
      sent = [];
      return taken;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
