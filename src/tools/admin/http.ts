/**
 * The web form in `npm run dev`: a middleware of Eleventy's dev server serving /admin/ (the
 * page, made from the content on every visit so a new unit or issue is in the form at once), its
 * scripts from node_modules, and the local backend's API. The API answers only same-origin JSON
 * posts: another site open in the clerk's browser cannot write into the checkout.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { adminPage, bundleFormScript, cmsConfig, decapFiles, FORM_SCRIPT, type FormSetup } from '../../admin/index.ts';
import { dateInChina } from '../../content/index.ts';
import { renderAll, RenderCache } from '../../markdown/index.ts';
import { urls } from '../../site/index.ts';
import { ContentBackend, FormError } from './backend.ts';

const ADMIN_PATH = urls.admin;
const API_PATH = urls.adminApi;
/** Decap sends a save's photos base64 in the JSON body; a bulletin's photos stay well below this. */
const MAX_BODY = 64 * 1024 * 1024;

export interface FormServerOptions {
  contentDir: string;
  root: string;
}

type Next = (error?: unknown) => void;
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** Sent as bytes: the dev server injects its live-reload script into HTML sent as text, which would reload the form on every save. */
function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', bytes.byteLength);
  res.setHeader('Cache-Control', 'no-store');
  res.end(bytes);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value ?? null));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_BODY) throw new FormError('上传的文件太大：一次保存的图片和附件合计不能超过 64 MB', 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A post from the form's own page: same origin, JSON (which a cross-site form cannot send without asking first). */
function fromOwnPage(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) return false;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function formMiddleware(options: FormServerOptions): Middleware {
  const cache = RenderCache.open(undefined);
  const renderBody = async (body: string) => (await renderAll([{ source: body }], { cache }))({ source: body }).html;
  const backend = new ContentBackend({ contentDir: path.resolve(options.contentDir), root: path.resolve(options.root), today: () => dateInChina(new Date()), renderBody });
  const decap = decapFiles();
  let script: Promise<Uint8Array> | undefined;

  async function page(): Promise<string> {
    const setting = await backend.setting();
    const choices = backend.choices(setting);
    const config = cmsConfig(choices, { kind: 'local', api: API_PATH });
    const setup: FormSetup = { config, office: choices.office, stylesheet: urls.stylesheet, api: API_PATH };
    return adminPage(setup, { kind: 'local', api: API_PATH }, setting.site.title);
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === ADMIN_PATH.slice(0, -1)) {
      res.statusCode = 301;
      res.setHeader('Location', ADMIN_PATH);
      res.end();
      return true;
    }
    if (!url.pathname.startsWith(ADMIN_PATH)) return false;
    const name = url.pathname.slice(ADMIN_PATH.length);
    if (name === 'api/v1') {
      if (req.method !== 'POST' || !fromOwnPage(req)) {
        sendJson(res, 403, { error: '只接受本机网页表单发来的请求' });
        return true;
      }
      try {
        const request = JSON.parse(await readBody(req)) as { action?: unknown; params?: Record<string, unknown> };
        sendJson(res, 200, await backend.handle(request.action, request.params ?? {}));
      } catch (error) {
        if (error instanceof FormError) sendJson(res, error.status, { error: error.message });
        else if (error instanceof SyntaxError) sendJson(res, 400, { error: '请求不是有效的 JSON' });
        else {
          console.error(error);
          sendJson(res, 500, { error: `保存时出错：${(error as Error).message}。文件没有改动；请把这段话告诉网站维护人员` });
        }
      }
      return true;
    }
    if (name === '' || name === 'index.html') {
      try {
        send(res, 200, 'text/html; charset=utf-8', await page());
      } catch (error) {
        const message = error instanceof FormError ? error.message : String(error);
        send(res, 409, 'text/plain; charset=utf-8', `网页表单暂时无法打开：\n${message}\n`);
      }
      return true;
    }
    if (name === FORM_SCRIPT) {
      script ??= bundleFormScript();
      send(res, 200, 'text/javascript; charset=utf-8', await script);
      return true;
    }
    const file = decap.get(name);
    if (file) {
      send(res, 200, 'text/javascript; charset=utf-8', await readFile(file));
      return true;
    }
    return false;
  }

  return (req, res, next) => {
    answer(req, res).then(
      (done) => {
        if (!done) next();
      },
      (error: unknown) => {
        console.error(error);
        if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      },
    );
  };
}
