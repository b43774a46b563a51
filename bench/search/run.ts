/**
 * `npm run bench:search`: our engine and Pagefind 1.6.0 on the same synthetic corpus and queries.
 *
 *   --items N        corpus size (default 20000)
 *   --scales A,B     smaller corpora our engine is also built for, to show cost per item (default 5000,10000)
 *   --no-pagefind    skip Pagefind (at 20,000 items it takes minutes and gigabytes)
 *   --work DIR       where the indexes go (default .cache/bench-search)
 *
 * Writes bench/search-results.md and bench/search-results.json. Build time and peak RSS come from
 * a child process per build (RSS read from /proc); bytes and latency from headless chromium, a fresh
 * browser context (empty cache) per query; precision and recall against substring search over the
 * corpus. Timings depend on the machine's load, which the report states.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { answer } from '../../src/search/client/answer.ts';
import { SearchIndex } from '../../src/search/client/engine.ts';
import type { Site } from '../../src/site/model.ts';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { pollPeakRss } from '../proc.ts';
import { median } from '../stats.ts';
import { corpusSite } from './corpus.ts';
import { serveBench } from './server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '20000' },
    scales: { type: 'string', default: '5000,10000' },
    'no-pagefind': { type: 'boolean', default: false },
    work: { type: 'string', default: path.join(ROOT, '.cache/bench-search') },
  },
});
const N = Number(values.items);
const WORK = path.resolve(values.work);
const WARM_RUNS = 5;

type Filters = Partial<Record<'unit' | 'category' | 'year', string[]>>;
interface BenchQuery {
  kind: string;
  q: string;
  /** What the query stands for, when it is not itself (pinyin for characters): the truth is this one's. */
  means?: string;
  filters?: Filters;
}

/** The fixed query list: every kind the issue names, present and absent. */
const QUERIES: BenchQuery[] = [
  ...['疫', '冷', '链', '镇', '宋', '苗'].map((q) => ({ kind: 'single character', q })),
  ...['冷链', '消杀', '疫苗', '核酸', '喇叭'].map((q) => ({ kind: '2-character word', q })),
  ...['疫情防控', '核酸检测', '就地过年', '联防联控', '郑上科创园', '进一步压紧压实', '强化知责履责意识'].map((q) => ({ kind: 'word or phrase (3–8)', q })),
  ...['济源路街道', '通航试验区管委会', '区市场监督管理局', '区卫生健康委员会'].map((q) => ({ kind: 'unit name', q })),
  ...['48小时', '9层', '104个楼院', '165幅', '1月23日'].map((q) => ({ kind: 'digits + CJK', q })),
  { kind: 'Latin', q: 'LED' },
  { kind: 'two terms', q: '疫情 冷链' },
  { kind: 'two terms', q: '核酸 疫苗' },
  { kind: 'with filters', q: '疫情防控', filters: { unit: ['济源路街道', '中心路街道'], year: ['2025', '2023'] } },
  ...['火星探测器', '欧阳振华同志讲话', '链冷', '冷链食品监管工作'].map((q) => ({ kind: 'absent', q })),
  { kind: 'pinyin', q: 'lenglian', means: '冷链' },
  { kind: 'pinyin', q: 'yiqing fangkong', means: '疫情 防控' },
  // Finds nothing, so the page looks for a homophone (冷链) and checks that it finds items.
  { kind: 'homophone (nothing found)', q: '冷连' },
];

/** Items containing every term, Latin compared in lower case, within the filters: the ground truth. */
function truth(site: Site, query: BenchQuery): Set<string> {
  const terms = (query.means ?? query.q).toLowerCase().split(/\s+/).filter(Boolean);
  const f = query.filters ?? {};
  return new Set(
    site.newest
      .filter((i) => terms.every((t) => `${i.title}\n${i.text}`.toLowerCase().includes(t)))
      .filter((i) => (!f.unit || f.unit.includes(i.unit.name)) && (!f.category || f.category.includes(i.category.name)) && (!f.year || f.year.includes(String(i.issue.year))))
      .map((i) => i.url),
  );
}

function score(got: readonly string[], expected: Set<string>): { precision: number; recall: number } {
  const right = got.filter((url) => expected.has(url)).length;
  return { precision: got.length === 0 ? 1 : right / got.length, recall: expected.size === 0 ? 1 : right / expected.size };
}

/**
 * A build in a child process: its JSON line and its peak RSS. Pagefind indexes in a binary that
 * its Node API starts and does not wait for, so /usr/bin/time would miss it: every 100 ms this
 * reads the peak (VmHWM) of each process of the tree, and reports the largest process's peak and
 * the sum of all peaks (an upper bound for the whole tree).
 */
async function timedBuild(script: string, args: string[]): Promise<{ result: Record<string, unknown>; rssMB: number; treeRssMB: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/search', script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const peaks = await pollPeakRss(child.pid!, exited);
  if ((await exited) !== 0) throw new Error(`${script} failed: ${stderr}`);
  return {
    result: JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>,
    rssMB: peaks.largestKB / 1024,
    treeRssMB: peaks.sumKB / 1024,
  };
}

async function du(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { bytes, files };
}

interface Scale {
  items: number;
  buildMs: number;
  /** CPU time of the build's process (user + system), less sensitive to other load than wall time. */
  cpuMs: number;
  rssMB: number;
  treeRssMB: number;
  indexBytes: number;
  files: number;
}

interface QueryResult {
  kind: string;
  q: string;
  filters?: Filters;
  expected: number;
  results: number;
  precision: number;
  recall: number;
  coldMs: number;
  warmMs: number;
  bytes: number;
  requests: number;
  countShown: string;
}

/** One query's figures against the truth, logged as they come. */
function queryResult(
  label: string,
  query: BenchQuery,
  got: string[],
  expected: Set<string>,
  { run, bytes, requests }: { run: { cold: number; warm: number[] }; bytes: number; requests: number },
  countShown: string,
): QueryResult {
  console.log(`${label}: ${got.length}/${expected.size}, ${(bytes / 1024).toFixed(1)} KB, ${run.cold.toFixed(0)}/${median(run.warm).toFixed(1)} ms`);
  return { ...query, expected: expected.size, results: got.length, ...score(got, expected), coldMs: run.cold, warmMs: median(run.warm), bytes, requests, countShown };
}

interface EngineResult {
  engine: string;
  items: number;
  buildMs: number;
  rssMB: number;
  treeRssMB: number;
  indexBytes: number;
  indexFiles: number;
  queries: QueryResult[];
}

async function main(): Promise<void> {
  await mkdir(WORK, { recursive: true });
  const load = os.loadavg();
  console.log(`corpus of ${N} items…`);
  const site = corpusSite(N);

  // Our engine at every scale (cost per item), then Pagefind at N.
  const scales: Scale[] = [];
  for (const items of [...new Set([...values.scales.split(',').filter(Boolean).map(Number), N])].sort((a, b) => a - b)) {
    console.log(`our index, ${items} items…`);
    const { result, rssMB, treeRssMB } = await timedBuild('build-ours.ts', [String(items), path.join(WORK, `ours-${items}`)]);
    const size = await du(path.join(WORK, `ours-${items}`, 'search'));
    scales.push({ items, buildMs: Number(result.ms), cpuMs: Number(result.cpuMs), rssMB, treeRssMB, indexBytes: size.bytes, files: size.files });
  }
  const ours = scales.find((s) => s.items === N)!;
  let pagefindBuild: { ms: number; rssMB: number; treeRssMB: number } | undefined;
  if (!values['no-pagefind']) {
    console.log(`Pagefind index, ${N} items (minutes)…`);
    const { result, rssMB, treeRssMB } = await timedBuild('build-pagefind.ts', [String(N), path.join(WORK, `pagefind-${N}`)]);
    pagefindBuild = { ms: Number(result.ms), rssMB, treeRssMB };
  }

  const server = await serveBench(WORK);
  const browser = await launchBrowser();
  const engines: EngineResult[] = [];

  const measure = async (folder: string, engine: string, query: BenchQuery, queryText: string, filters: unknown) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/${folder}/bench.html`);
    server.take();
    const run = (await page.evaluate(({ q, f, warm }) => (window as unknown as { bench: (q: string, f: unknown, w: number) => Promise<unknown> }).bench(q, f, warm), {
      q: queryText,
      f: filters,
      warm: WARM_RUNS,
    })) as { cold: number; warm: number[]; shown: number; count: number; approximate: boolean };
    const sent = server.take();
    await context.close();
    return { run, bytes: sent.reduce((sum, s) => sum + s.bytes, 0), requests: sent.length, engine, query };
  };

  // Ours: bytes and latency in chromium; every result (all pages) by the same client code in Node.
  {
    const dir = path.join(WORK, `ours-${N}`, 'search');
    const index = await SearchIndex.open((file) => readFile(path.join(dir, file)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.length)));
    const queries: QueryResult[] = [];
    for (const query of QUERIES) {
      const filters = query.filters ?? {};
      const { run, bytes, requests } = await measure(`ours-${N}`, 'ours', query, query.q, filters);
      const { results } = await answer(index, query.q, filters);
      while (!results.done) await results.more(1000);
      const got = results.hits.map((h) => `/${h.doc.u}`);
      queries.push(queryResult(`ours ${query.q}`, query, got, truth(site, query), { run, bytes, requests }, `${run.approximate ? '≈' : ''}${run.count}`));
    }
    engines.push({ engine: 'ours', items: N, buildMs: ours.buildMs, rssMB: ours.rssMB, treeRssMB: ours.treeRssMB, indexBytes: ours.indexBytes, indexFiles: ours.files, queries });
  }

  if (pagefindBuild) {
    const folder = `pagefind-${N}`;
    const size = await du(path.join(WORK, folder, 'pagefind'));
    const fragments = path.join(WORK, folder, 'pagefind', 'fragment');
    const fragmentUrls = new Map<string, string>();
    for (const name of await readdir(fragments)) {
      const json = gunzipSync(await readFile(path.join(fragments, name))).toString('utf8').replace(/^pagefind_dcd/, '');
      fragmentUrls.set(name.replace(/\.pf_fragment$/, ''), (JSON.parse(json) as { url: string }).url);
    }
    const queries: QueryResult[] = [];
    for (const query of QUERIES) {
      // A quoted term: unquoted ones match as prefixes. Several quoted terms find nothing in
      // Pagefind (measured), so two terms go unquoted. Several values of a filter: `any`.
      const terms = query.q.split(/\s+/);
      const q = terms.length === 1 ? `"${query.q}"` : query.q;
      const filters = Object.fromEntries(Object.entries(query.filters ?? {}).map(([k, v]) => [k, { any: v }]));
      const { run, bytes, requests } = await measure(folder, 'pagefind', query, q, filters);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/${folder}/bench.html`);
      // A result's id names its fragment file, which holds its URL.
      const ids = await page.evaluate(({ q, f }) => (window as unknown as { ids: (q: string, f: unknown) => Promise<string[]> }).ids(q, f), { q, f: filters });
      const urls = ids.map((id) => fragmentUrls.get(id) ?? `unknown fragment ${id}`);
      await context.close();
      server.take();
      queries.push(queryResult(`pagefind ${q}`, query, urls, truth(site, query), { run, bytes, requests }, String(run.count)));
    }
    engines.push({ engine: 'Pagefind 1.6.0', items: N, buildMs: pagefindBuild.ms, rssMB: pagefindBuild.rssMB, treeRssMB: pagefindBuild.treeRssMB, indexBytes: size.bytes, indexFiles: size.files, queries });
  }

  const machine = {
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium: browser.version(),
    loadAverageAtStart: load.map((x) => x.toFixed(1)).join(' '),
    loadAverageAtEnd: os.loadavg().map((x) => x.toFixed(1)).join(' '),
    date: new Date().toISOString().slice(0, 10),
  };
  await browser.close();
  await server.close();

  const report = { machine, items: N, queries: QUERIES, scales, engines };
  await writeFile(path.join(ROOT, 'bench/search-results.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(ROOT, 'bench/search-results.md'), markdown(report));
  console.log('wrote bench/search-results.md and bench/search-results.json');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const pct = (x: number) => `${(x * 100).toFixed(x === 1 ? 0 : 1)}%`;

function markdown(report: { machine: Record<string, string | number>; items: number; scales: Scale[]; engines: EngineResult[] }): string {
  const { machine, engines, scales } = report;
  const lines: string[] = [
    '# Search benchmark',
    '',
    `Generated by \`npm run bench:search\` (bench/search/run.ts) on ${machine.date}. Corpus: ${report.items.toLocaleString('en')} synthetic items of about 800 Chinese characters from the sample issue's sentences (bench/search/corpus.ts).`,
    '',
    `Machine: ${machine.cpus}, ${machine.memoryGB} GB; Node ${machine.node}; Chromium ${machine.chromium}. Load average (1/5/15 min) ${machine.loadAverageAtStart} at the start, ${machine.loadAverageAtEnd} at the end: the machine is shared, so times are upper bounds.`,
    '',
    'Bytes: response bodies a cold browser (fresh context, empty cache) downloads for the first query, runtime + index parts + the first page of results (10), with HTML/JS/JSON gzip-compressed by the server as a host does; the search page itself is not counted. Cold: from loading the runtime to the first page of results. Warm: the same query again on the same page (median of 5). Precision and recall over all results, against substring search over title and text.',
    '',
    '## Summary',
    '',
    'Peak RSS: the largest process of the build (for Pagefind, its indexing binary), then the sum of every process\'s peak (node, esbuild or Pagefind\'s binary) in brackets. Both include the corpus generation in the same Node process.',
    '',
    '| engine | index build | peak RSS | index on disk | first query, gzip (max) | cold query (median / max) | warm query (median / max) | precision | recall |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const e of engines) {
    const q = e.queries;
    const min = (f: (r: QueryResult) => number) => Math.min(...q.map(f));
    lines.push(
      `| ${e.engine} | ${(e.buildMs / 1000).toFixed(1)} s | ${e.rssMB.toFixed(0)} MB (${e.treeRssMB.toFixed(0)} MB) | ${mb(e.indexBytes)} in ${e.indexFiles.toLocaleString('en')} files | ${kb(Math.max(...q.map((r) => r.bytes)))} | ${ms(median(q.map((r) => r.coldMs)))} / ${ms(Math.max(...q.map((r) => r.coldMs)))} ms | ${ms(median(q.map((r) => r.warmMs)))} / ${ms(Math.max(...q.map((r) => r.warmMs)))} ms | ${pct(min((r) => r.precision))} min, ${q.filter((r) => r.precision === 1).length}/${q.length} queries at 100% | ${pct(min((r) => r.recall))} min, ${q.filter((r) => r.recall === 1).length}/${q.length} at 100% |`,
    );
  }
  lines.push(
    '',
    '## Our engine at several sizes (cost per item)',
    '',
    'Index build: wall time from the site structure to the files on disk; CPU: the process\'s user + system time over the same span.',
    '',
    '| items | index build (wall) | CPU | CPU per 1,000 items | peak RSS | index on disk | files |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const s of scales) {
    lines.push(
      `| ${s.items.toLocaleString('en')} | ${(s.buildMs / 1000).toFixed(1)} s | ${(s.cpuMs / 1000).toFixed(1)} s | ${((s.cpuMs / s.items) * 1000).toFixed(0)} ms | ${s.rssMB.toFixed(0)} MB | ${mb(s.indexBytes)} | ${s.files.toLocaleString('en')} |`,
    );
  }
  for (const e of engines) {
    lines.push('', `## Queries: ${e.engine}`, '', '| kind | query | expected | results (count shown) | precision | recall | first query, gzip | requests | cold | warm |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of e.queries) {
      const filters = r.filters ? ` (${Object.entries(r.filters).map(([k, v]) => `${k}: ${v.join('/')}`).join('; ')})` : '';
      lines.push(`| ${r.kind} | ${r.q}${filters} | ${r.expected} | ${r.results} (${r.countShown}) | ${pct(r.precision)} | ${pct(r.recall)} | ${kb(r.bytes)} | ${r.requests} | ${ms(r.coldMs)} ms | ${ms(r.warmMs)} ms |`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

await main();
