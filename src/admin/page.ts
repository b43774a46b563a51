/**
 * The admin page (/admin/index.html): Decap CMS's script after ours, the configuration as a
 * JSON block, told to robots not to index it, and a policy that lets it talk only to its own
 * origin (and, published, to GitHub and the sign-in service).
 */
import type { FormBackend } from './config.ts';
import { SETUP_ID, type FormSetup } from './client/setup.ts';

/** Decap's main script; its chunks (`<n>.decap-cms.js`) load beside it. */
export const DECAP_SCRIPT = 'decap-cms.js';
export const FORM_SCRIPT = 'admin.js';

/** Where the published form's GitHub backend connects. */
const GITHUB_HOSTS = ['https://api.github.com'];

function policy(backend: FormBackend): string {
  // blob: and data: are the browser's own copies of a photo picked for upload, which Decap reads back to send.
  const own = ["'self'", 'blob:', 'data:'];
  const connect = backend.kind === 'local' ? own : [...own, ...GITHUB_HOSTS, ...(backend.baseUrl ? [new URL(backend.baseUrl).origin] : [])];
  return [
    "default-src 'self'",
    // Decap checks its configuration with ajv, which compiles its checks with new Function().
    "script-src 'self' 'unsafe-eval'",
    // Decap's editor sets its styles at run time (emotion).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connect.join(' ')}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
  ].join('; ');
}

/** JSON that cannot close its script element. */
const inScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function adminPage(setup: FormSetup, backend: FormBackend, siteTitle: string): string {
  const escaped = siteTitle.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="${policy(backend)}">
<title>编写信息 · ${escaped}</title>
</head>
<body>
<noscript>网页表单需要启用 JavaScript。也可以用 npm run new 在终端中新建信息。</noscript>
<script type="application/json" id="${SETUP_ID}">${inScript(setup)}</script>
<script src="${FORM_SCRIPT}"></script>
<script src="${DECAP_SCRIPT}"></script>
</body>
</html>
`;
}
