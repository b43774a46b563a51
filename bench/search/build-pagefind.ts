/**
 * One Pagefind 1.6.0 index of the same corpus, in a process of its own so the peak RSS of the
 * Pagefind binary it starts is measured with it:
 * `node --import tsx bench/search/build-pagefind.ts N OUT_DIR`. Each item is a page as the site
 * renders it for Pagefind: `lang="zh-CN"` (without it Pagefind does not segment Chinese), title
 * and text in `data-pagefind-body`, unit, category and year as filters that add no text.
 * Prints one JSON line: build time (from the first page added to the files written).
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { corpusSite } from './corpus.ts';

const HARNESS = `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>Pagefind</title>
<script type="module">
const load = () => import('./pagefind/pagefind.js');
window.bench = async (q, filters, warmRuns) => {
  const t0 = performance.now();
  const pf = await load();
  const search = await pf.search(q, { filters });
  const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  const cold = performance.now() - t0;
  const warm = [];
  for (let i = 0; i < warmRuns; i++) {
    const t = performance.now();
    const again = await pf.search(q, { filters });
    await Promise.all(again.results.slice(0, 10).map((r) => r.data()));
    warm.push(performance.now() - t);
  }
  return { cold, warm, shown: shown.length, count: search.results.length, approximate: false };
};
window.ids = async (q, filters) => {
  const pf = await load();
  return (await pf.search(q, { filters })).results.map((r) => r.id);
};
</script>
`;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const [n, out] = process.argv.slice(2);
const site = corpusSite(Number(n));
await rm(out!, { recursive: true, force: true });
const start = performance.now();
const { index, errors } = await pagefind.createIndex({});
if (!index) throw new Error(errors.join('\n'));
for (const item of site.newest) {
  const filters = [`unit:${item.unit.name}`, `category:${item.category.name}`, `year:${item.issue.year}`]
    .map((filter) => `<span data-pagefind-filter="${escape(filter)}"></span>`)
    .join('');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(item.title)}</title></head><body><main data-pagefind-body><h1>${escape(item.title)}</h1>${filters}<p>${escape(item.text)}</p></main></body></html>`;
  const added = await index.addHTMLFile({ url: item.url, content: html });
  if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
}
const written = await index.writeFiles({ outputPath: path.join(out!, 'pagefind') });
if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
const ms = performance.now() - start;
await pagefind.close();
await writeFile(path.join(out!, 'bench.html'), HARNESS);
console.log(JSON.stringify({ ms }));
