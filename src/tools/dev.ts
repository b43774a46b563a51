/**
 * `npm run dev`: Eleventy's dev server with live reload over the content, drafts shown, written
 * to `.cache/preview/` (never to dist/). Saving a file rebuilds only what it changed
 * (src/pipeline/preview.ts). The web form for clerks is at /admin/, saving into the content folder.
 *
 *   --content DIR   the content folder (default content)
 *   --out DIR       the preview folder (default .cache/preview)
 *   --port N        the server's port (default 8080)
 *   --host ADDRESS  where it listens (default 127.0.0.1: this machine only, as drafts are shown)
 *   --no-serve      watch and rebuild only, no server (for the benchmark)
 */
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { bulletinPlugin, CompiledTemplates, type EleventyConfig } from '../eleventy/index.ts';
import { DEFAULT_DEV_HOST, hostWarning, LAYOUTS_DIR, listenOn, Preview } from '../pipeline/index.ts';
import { urls } from '../site/index.ts';
import { formMiddleware } from './admin/http.ts';
import { readFlags } from './cli.ts';

const USAGE = `用法：npm run dev [-- 选项]
  --content 目录     内容目录，默认 content
  --out 目录         预览生成到哪里，默认 .cache/preview
  --port 端口        默认 8080
  --host 地址        在哪个地址上提供预览，默认 ${DEFAULT_DEV_HOST}（只供本机访问）
  --cache 目录       生成缓存，默认 .cache/build
  --no-serve         只监视并重新生成，不开预览服务器`;

const { values } = readFlags(
  {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: '.cache/preview' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: DEFAULT_DEV_HOST },
    'no-serve': { type: 'boolean', default: false },
    cache: { type: 'string', default: '.cache/build' },
  },
  USAGE,
);

const preview = new Preview({ contentDir: values.content, outDir: path.resolve(values.out), layoutsDir: LAYOUTS_DIR, cacheDir: values.cache });
// The templates' compiled sources: those of the last build, then kept in memory from one save to the next.
const templates = CompiledTemplates.read(values.cache);
const eleventy = new Eleventy(LAYOUTS_DIR, values.out, {
  quietMode: true,
  configPath: false,
  runMode: values['no-serve'] ? 'watch' : 'serve',
  config: (eleventyConfig: EleventyConfig) => {
    bulletinPlugin(eleventyConfig, { build: () => preview.site(), layoutsDir: LAYOUTS_DIR, templates });
    eleventyConfig.addWatchTarget(values.content);
    // Eleventy waits for a saved file to stay unchanged 150 ms before it rebuilds; editors write a
    // Markdown file at once, and a half-written file only shows its errors until the next event.
    eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
    eleventyConfig.on('eleventy.beforeWatch', (changed) => preview.changed(changed));
    eleventyConfig.on('eleventy.after', () => preview.afterWrite());
    eleventyConfig.setServerOptions({ middleware: [formMiddleware({ contentDir: values.content, root: process.cwd() })] });
  },
});
await eleventy.init();
await eleventy.watch();
if (!values['no-serve']) {
  await listenOn(values.host);
  const warning = hostWarning(values.host);
  if (warning) console.error(warning);
  await eleventy.serve(Number(values.port));
  console.error(`网页表单（编写信息）：http://${values.host.includes(':') ? `[${values.host}]` : values.host}:${values.port}${urls.admin}`);
}
process.on('SIGINT', () => {
  void Promise.all([eleventy.stopWatch(), preview.close()]).then(() => process.exit(0));
});
