/**
 * The bench's figures: their shape in bench/results.json, and bench/results.md made from them.
 */
import { median } from '../stats.ts';
import type { DevResult } from './dev-edit.ts';
import { ENGINE_LABELS, type EngineId } from './engines.ts';

export interface RunRecord {
  engine: EngineId;
  /**
   * cold: empty cache, new output; warm: nothing changed; edited: one item's body changed since the
   * last build; added: one item added to the newest issue since the last build (a merge in CI).
   * `-photos`: the same on the corpus with phone photos (SizeResult.photos).
   */
  mode: 'cold' | 'warm' | 'edited' | 'added' | 'cold-photos' | 'warm-photos' | 'edited-photos';
  /** 1-based, in the order run. */
  run: number;
  /** The machine's 1-minute load average just before the run: the machine is shared. */
  load1: number;
  ok: boolean;
  wallMs: number;
  cpuMs: number | null;
  peakRssMB: number;
  largestRssMB: number;
  /** .html files in the output folder. */
  pages: number;
  /** All files in the output folder. */
  files: number;
  /** The build's last output, when it failed. */
  error?: string;
}

export interface SizeResult {
  items: number;
  issues: number;
  /** Writing the corpus (not timed against anything; for scale). */
  corpusMs: number;
  runs: RunRecord[];
  /** Photos in the corpus of the `-photos` runs, when there were any. */
  photos?: number;
  /** null when not measured at this size. */
  dev: DevResult | null;
}

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  eleventy: string;
  hugo: string | null;
  gnuTime: boolean;
  work: string;
  workOnTmpfs: boolean;
  loadBefore: string;
  loadAfter: string;
}

export interface BenchReport {
  machine: Machine;
  options: { items: number[]; runs: number; engines: EngineId[]; dev: boolean; oursCacheOption: boolean; photoEvery: number };
  notes: string[];
  sizes: SizeResult[];
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface Summary {
  runs: number;
  failed: number;
  wall: Spread;
  cpu: Spread | null;
  rss: Spread;
  /** Pages of every successful run, deduplicated: one value unless runs differ. */
  pages: number[];
}

const spread = (xs: number[]): Spread => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

export function summarize(size: SizeResult, engine: EngineId, mode: RunRecord['mode']): Summary | null {
  const all = size.runs.filter((r) => r.engine === engine && r.mode === mode);
  const ok = all.filter((r) => r.ok);
  if (ok.length === 0) return null;
  const cpu = ok.map((r) => r.cpuMs).filter((x): x is number => x !== null);
  return {
    runs: ok.length,
    failed: all.length - ok.length,
    wall: spread(ok.map((r) => r.wallMs)),
    cpu: cpu.length === ok.length ? spread(cpu) : null,
    rss: spread(ok.map((r) => r.peakRssMB)),
    pages: [...new Set(ok.map((r) => r.pages))],
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const range = (x: Spread, f: (v: number) => string) => `${f(x.median)} (${f(x.min)}–${f(x.max)})`;
const mb = (x: number) => `${x.toFixed(0)} MB`;
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}`);
const n = (x: number) => x.toLocaleString('en');

function engineTable(size: SizeResult): string[] {
  const rows: [string, Summary | null][] = [
    [`${ENGINE_LABELS.ours}, cold`, summarize(size, 'ours', 'cold')],
    [`${ENGINE_LABELS.ours}, warm (nothing changed)`, summarize(size, 'ours', 'warm')],
    [`${ENGINE_LABELS.ours}, one item edited`, summarize(size, 'ours', 'edited')],
    [`${ENGINE_LABELS.ours}, one item added to the newest issue (a merge)`, summarize(size, 'ours', 'added')],
    [`${ENGINE_LABELS.ours}, ${size.photos} photos, cold`, summarize(size, 'ours', 'cold-photos')],
    [`${ENGINE_LABELS.ours}, ${size.photos} photos, warm (nothing changed)`, summarize(size, 'ours', 'warm-photos')],
    [`${ENGINE_LABELS.ours}, ${size.photos} photos, one item edited`, summarize(size, 'ours', 'edited-photos')],
    [ENGINE_LABELS.plain, summarize(size, 'plain', 'cold')],
    [ENGINE_LABELS.hugo, summarize(size, 'hugo', 'cold')],
  ];
  const lines = [
    '| build | runs | wall: median (min–max) | CPU user+sys: median (min–max) | peak RSS incl. children: median (min–max) | pages (.html) | wall per item |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [label, x] of rows) {
    if (!x) continue;
    lines.push(
      `| ${label} | ${x.runs}${x.failed ? ` (+${x.failed} failed)` : ''} | ${range(x.wall, s)} | ${x.cpu ? range(x.cpu, s) : '—'} | ${range(x.rss, mb)} | ${x.pages.map(n).join(' / ')} | ${(x.wall.median / size.items).toFixed(2)} ms |`,
    );
  }
  return lines;
}

function ratioTable(size: SizeResult): string[] {
  const cold = summarize(size, 'ours', 'cold');
  const warm = summarize(size, 'ours', 'warm');
  const plain = summarize(size, 'plain', 'cold');
  const hugo = summarize(size, 'hugo', 'cold');
  const lines = ['| ratio of medians | wall | CPU | peak RSS |', '| --- | --- | --- | --- |'];
  const row = (label: string, a: Summary | null, b: Summary | null) => {
    if (!a || !b) return;
    lines.push(`| ${label} | ${ratio(a.wall.median, b.wall.median)} | ${ratio(a.cpu?.median, b.cpu?.median)} | ${ratio(a.rss.median, b.rss.median)} |`);
  };
  row('ours cold / plain Eleventy', cold, plain);
  row('ours cold / Hugo', cold, hugo);
  row('ours warm / plain Eleventy', warm, plain);
  row('ours warm / Hugo (cold)', warm, hugo);
  row('ours, one item edited / Hugo (cold)', summarize(size, 'ours', 'edited'), hugo);
  row('ours, one item added / plain Eleventy (cold)', summarize(size, 'ours', 'added'), plain);
  row('ours with photos / without, cold', summarize(size, 'ours', 'cold-photos'), cold);
  row('ours with photos / without, warm', summarize(size, 'ours', 'warm-photos'), warm);
  row('ours with photos / without, one item edited', summarize(size, 'ours', 'edited-photos'), summarize(size, 'ours', 'edited'));
  return lines.length > 2 ? lines : [];
}

function devTable(dev: DevResult): string[] {
  const lines: string[] = [];
  if (dev.startupMs > 0) lines.push(`Dev build (src/tools/dev.ts --no-serve) ready after ${s(dev.startupMs)} (first build written and the watcher idle).`, '');
  if (dev.edits.length > 0) {
    lines.push('| edit | item file | pages containing its title | latency: write → all rewritten | rebuild settled (CPU idle) |', '| --- | --- | --- | --- | --- |');
    for (const [k, e] of dev.edits.entries()) {
      lines.push(`| ${k + 1} | ${e.file} | ${e.pages} | ${e.pages === 0 ? 'no page had the title' : e.latencyMs === null ? 'not within the timeout' : s(e.latencyMs)} | ${s(e.settledMs)} |`);
    }
  }
  if (dev.skipped) lines.push(...(lines.length > 0 ? [''] : []), `Dev edits not (fully) measured: ${dev.skipped}`);
  return lines;
}

/** The targets of issues #6 and #18, each with the figure that speaks to it; never asserted, only shown. */
function targets(report: BenchReport): string[] {
  const at = (items: number) => report.sizes.find((x) => x.items === items);
  const lines = ['| target | measured | met? |', '| --- | --- | --- |'];
  const row = (target: string, value: number | undefined, limit: number, show: (v: number) => string) => {
    lines.push(`| ${target} | ${value === undefined ? 'not measured' : show(value)} | ${value === undefined ? '—' : value <= limit ? 'yes' : 'no'} |`);
  };
  const wallRatio = (size: SizeResult | undefined, a: [EngineId, RunRecord['mode']], b: EngineId) => {
    const x = size && summarize(size, ...a);
    const y = size && summarize(size, b, 'cold');
    return x && y ? x.wall.median / y.wall.median : undefined;
  };
  const worstEdit = (size: SizeResult | undefined) => {
    const edits = size?.dev?.edits ?? [];
    if (edits.length === 0) return undefined;
    return edits.some((e) => e.latencyMs === null) ? Infinity : Math.max(...edits.map((e) => e.latencyMs!));
  };
  const r2 = (v: number) => v.toFixed(2);
  row('#18, 4,000 items: one item added (cache kept) / plain Eleventy cold (wall) ≤ 0.5', wallRatio(at(4000), ['ours', 'added'], 'plain'), 0.5, r2);
  row('#18, 20,000 items: one item added (cache kept) / plain Eleventy cold (wall) ≤ 0.25', wallRatio(at(20000), ['ours', 'added'], 'plain'), 0.25, r2);
  row('#6, #18, 4,000 items: ours cold / plain Eleventy (wall) ≤ 1.0', wallRatio(at(4000), ['ours', 'cold'], 'plain'), 1, r2);
  row('#6, #18, 20,000 items: ours cold / plain Eleventy (wall) ≤ 1.0', wallRatio(at(20000), ['ours', 'cold'], 'plain'), 1, r2);
  row('#6, 4,000 items: ours warm / Hugo cold (wall) ≤ 2.0', wallRatio(at(4000), ['ours', 'warm'], 'hugo'), 2, r2);
  row('#6, #18, 4,000 items: dev edit → pages rewritten ≤ 1 s (slowest of the edits)', worstEdit(at(4000)), 1000, s);
  row('#6, #18, 20,000 items: dev edit → pages rewritten ≤ 2 s (slowest of the edits)', worstEdit(at(20000)), 2000, s);
  const rss = at(20000) && summarize(at(20000)!, 'ours', 'cold');
  row('#6, #18, 20,000 items: ours cold peak RSS ≤ 1.5 GB', rss?.rss.median, 1536, mb);
  const photosWarm = (size: SizeResult | undefined) => {
    const x = size && summarize(size, 'ours', 'warm-photos');
    const y = size && summarize(size, 'ours', 'warm');
    return x && y ? x.wall.median / y.wall.median : undefined;
  };
  row('#18, 4,000 items: warm build with photos / without (wall) ≤ 1.1 (photos cost nothing)', photosWarm(at(4000)), 1.1, r2);
  const photosCold = at(4000) && summarize(at(4000)!, 'ours', 'cold-photos');
  row('#18, 4,000 items: cold build with photos, CPU / wall ≥ 1.5 (image time spent in parallel; shown as wall / CPU ≤ 0.67)', photosCold?.cpu ? photosCold.wall.median / photosCold.cpu.median : undefined, 0.67, r2);
  lines.push('', 'Repeated edits must not slow down, and the cost per item must not grow with N: see each size\'s dev-edit table and the "wall per item" column.');
  return lines;
}

/** The report; `history` (bench/pipeline/history.md: profiles and before/after figures) is appended as it is. */
export function markdown(report: BenchReport, history = ''): string {
  const { machine: m } = report;
  const lines = [
    '# Build benchmark',
    '',
    `Generated by \`npm run bench\` (bench/pipeline/run.ts) on ${m.date}, with \`--items ${report.options.items.join(',')} --runs ${report.options.runs}\`.`,
    '',
    '## Machine',
    '',
    `- CPU: ${m.cores} × ${m.cpu}; memory ${m.memoryGB} GB`,
    `- Node ${m.node}; Eleventy ${m.eleventy}; ${m.hugo ?? 'hugo not on PATH: Hugo skipped'}`,
    `- Corpus and output in ${m.work}, ${m.workOnTmpfs ? 'a tmpfs (RAM)' : 'on disk (not a tmpfs)'}`,
    `- Load average (1/5/15 min): ${m.loadBefore} before, ${m.loadAfter} after. The machine is shared: other work ran beside the bench, so a single figure can be off by tens of percent; the min–max ranges show how much.`,
    '',
    '## What the figures are',
    '',
    '- Corpus: bench/corpus/ (deterministic), 15 items of about 800 Chinese characters per weekly issue, `_data/` and one `index.md` per issue, written once per size. Every cold run writes into a new, empty output folder, so no build deletes earlier output; on a tmpfs the bench removes each output (memory) after counting its pages, between runs.',
    '- **ours, cold**: `node src/launch.mjs src/tools/build.ts` (`npm run build`) — every page, the feed, the sitemap and the search index — ' +
      (report.options.oursCacheOption ? 'with `--cache` pointing at a new, empty folder.' : 'without `--cache` (cli.ts did not accept it yet when this ran).'),
    '- **ours, warm**: the same command again on the last cold run\'s output folder' + (report.options.oursCacheOption ? ' and cache' : '') + ', nothing changed: the build validates every file (from its memo), builds the site structure, finds the output up to date and leaves it as it is.',
    '- **ours, one item edited**: then, each run, one item\'s body gets a sentence more (a different item each run, put back after): the build renders that body, the pages that show it and the small pages, links every other page from the last output, and swaps.',
    '- **ours, one item added (a merge)**: then, after one build not measured that takes back the last edit, each run, one new item is added to the newest issue (and left there, so each run adds one more), what CI builds on a merge with the cache it keeps: the item\'s page, its neighbour\'s and its issue\'s, the newest page of each list it is in (lists count their pages from the oldest), the feed, the sitemap and the search index.',
    '- **plain Eleventy**: Eleventy 3.1.8\'s own CLI with bench/pipeline/eleventy-plain/: default markdown-it (and Eleventy\'s default Liquid pre-pass over Markdown), one minimal Nunjucks layout, one page per Markdown file, so each issue\'s `index.md` is a page too; the corpus\'s `_data/` (our YAML) is not read as Eleventy data.',
    '- **Hugo**: bench/pipeline/hugo/ with one minimal layout, on a copy of the corpus without `_data/` whose issue `index.md` files are renamed `_index.md` (issue folders become sections with a list page, as Eleventy makes a page of `index.md`; left as `index.md` they would make leaf bundles and hide the items). No taxonomy, RSS, sitemap, robots.txt or 404 pages. Its pages also count the year sections and the home page.',
    '- Wall: from starting the process to its exit, Node\'s start-up included (and ours loading its bundle, src/launch.mjs). CPU: user + system time of the process and the children it waited for (GNU time), so the worker threads of our build count; a build that uses both cores shows CPU above wall.',
    '- Peak RSS: the sum over the process tree (node, esbuild) of each process\'s peak (VmHWM from /proc, polled every 100 ms, which costs the bench about 1.5 % of a core); an upper bound, as the peaks need not coincide.',
    `- **with photos**: the same corpus with one 4000 × 3000 phone photo (JPEG, about 3 MB, bytes of its own) per ${report.options.photoEvery} items (bench/corpus/photos.ts); ours only, cold (new cache each run), warm and one item edited, as above. The cold runs make every photo's widths; the warm and edited runs must cost what they cost without photos.`,
    '- Pages: `.html` files in the output folder. Cold runs alternate between engines (ours, plain, Hugo, ours, …), then ours with photos; the warm runs follow, alternating between the corpus without and with photos, then the edited runs, alternating the same way, then the merges; the dev-edit measurement comes last.',
    '- Ratios: of the medians; below 1 means ours is faster or smaller.',
    '- Dev edit: `src/tools/dev.ts --content … --out … --no-serve` (and `--cache` at a new folder, where dev.ts takes it) on its own output. Titles repeat in a large corpus, so each item is first given a title of its own (an edit not measured, waited out); then every .html file containing it is found; the title is changed in the item\'s Markdown file; the latency is the time from that write until all of those files contain the new title (read every 10 ms). Each edit waits for the previous rebuild to go quiet (the dev process tree using no CPU for 1 s); "settled" is when its CPU went idle.',
    '',
    '## Targets',
    '',
    ...targets(report),
  ];
  for (const size of report.sizes) {
    lines.push('', `## ${n(size.items)} items (${n(size.issues)} issues)`, '', ...engineTable(size), '', ...ratioTable(size));
    if (size.dev) lines.push('', ...devTable(size.dev));
    const failed = size.runs.filter((r) => !r.ok);
    for (const r of failed) lines.push('', `Failed: ${r.engine} ${r.mode} run ${r.run}: ${(r.error ?? '').trim().slice(-400)}`);
  }
  if (report.notes.length > 0) lines.push('', '## Notes', '', ...report.notes.map((x) => `- ${x}`));
  if (history) lines.push('', history.trim());
  lines.push('');
  return lines.join('\n');
}
