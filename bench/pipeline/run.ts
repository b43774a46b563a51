/**
 * `npm run bench` (issue #6): our full build side by side with plain Eleventy and Hugo on the same
 * synthetic corpora, then our warm rebuild and the dev build's latency after one edit.
 *
 *   --items A,B,…   corpus sizes (default 1000,4000,20000)
 *   --runs N        cold runs of each engine and warm runs of ours per size (default 3)
 *   --work DIR      corpora and outputs (default /dev/shm/bulletin-bench, a tmpfs; the report says which)
 *   --engines …     any of ours,plain,hugo (default all; Hugo is skipped, and said so, when not on PATH)
 *   --no-dev        skip the dev-edit measurement
 *   --photo-items … sizes that are built again with photos, cold, warm and edited (default 1000,4000)
 *   --photo-every N one 4000 × 3000 phone photo per N items in those builds (default 20)
 *
 * Writes bench/results.md and bench/results.json (after each size, so a long run that stops keeps
 * what it measured). Figures are explained in results.md; how they are taken in measure.ts and
 * dev-edit.ts.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from '../corpus/generate.ts';
import { writeCorpus } from '../corpus/write.ts';
import { measureDevEdits, pickEditableItems } from './dev-edit.ts';
import { ENGINE_IDS, ENGINE_LABELS, hugoBuild, hugoVersion, oursAcceptsCache, oursBuild, plainBuild, ROOT, writeHugoContent, type EngineId } from './engines.ts';
import { hasGnuTime, listOutput, timedRun, type Invocation } from './measure.ts';
import { markdown, type BenchReport, type RunRecord, type SizeResult } from './report.ts';

const TMPFS_MAGIC = 0x01021994;
const DEV_EDITS = 5;
/** How long one dev edit may take before it is reported as not rewritten. */
const DEV_TIMEOUT_MS = 60_000;

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1000,4000,20000' },
    runs: { type: 'string', default: '3' },
    work: { type: 'string', default: existsSync('/dev/shm') ? '/dev/shm/bulletin-bench' : path.join(ROOT, '.cache/bench-build') },
    engines: { type: 'string', default: ENGINE_IDS.join(',') },
    'no-dev': { type: 'boolean', default: false },
    'photo-items': { type: 'string', default: '1000,4000' },
    'photo-every': { type: 'string', default: '20' },
  },
});
const PHOTO_SIZES = new Set(values['photo-items'].split(',').filter(Boolean).map(Number));
const PHOTO_EVERY = Number(values['photo-every']);
const SIZES = values.items.split(',').map(Number);
const RUNS = Number(values.runs);
const WORK = path.resolve(values.work);
const ENGINES = values.engines.split(',') as EngineId[];
if (!SIZES.every((x) => Number.isInteger(x) && x > 0) || !(Number.isInteger(PHOTO_EVERY) && PHOTO_EVERY > 0) || !(Number.isInteger(RUNS) && RUNS > 0) || !ENGINES.every((e) => ENGINE_IDS.includes(e))) {
  console.error('usage: npm run bench -- [--items 1000,4000,20000] [--runs 3] [--work DIR] [--engines ours,plain,hugo] [--no-dev] [--photo-items 1000,4000] [--photo-every 20]');
  process.exit(2);
}

// Ctrl-C or a kill: exit handlers run (dev-edit.ts stops its detached dev build in one).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const secs = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

async function main(): Promise<void> {
  await mkdir(WORK, { recursive: true });
  const workOnTmpfs = (await statfs(WORK)).type === TMPFS_MAGIC;
  const notes: string[] = [];
  const hugo = ENGINES.includes('hugo') ? await hugoVersion() : null;
  if (ENGINES.includes('hugo') && !hugo) notes.push('hugo is not on PATH: Hugo was skipped (Debian: `apt-get install hugo`).');
  const engines = ENGINES.filter((e) => e !== 'hugo' || hugo);
  const cacheOption = engines.includes('ours') && (await oursAcceptsCache(WORK));
  if (engines.includes('ours') && !cacheOption) notes.push('src/tools/build.ts did not accept `--cache` yet: cold runs had no cache folder of their own and warm runs had no cache to use.');
  const devScript = path.join(ROOT, 'src/tools/dev.ts');
  const devWanted = !values['no-dev'] && engines.includes('ours');
  if (!hasGnuTime) notes.push('/usr/bin/time (GNU time) is missing: no CPU times.');
  if (RUNS < 3) notes.push(`Only ${RUNS} run(s) of each: too few for a median to mean much (issue #6 asks for at least 3).`);

  const report: BenchReport = {
    machine: {
      date: new Date().toISOString().slice(0, 10),
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      eleventy: (JSON.parse(await readFile(path.join(ROOT, 'node_modules/@11ty/eleventy/package.json'), 'utf8')) as { version: string }).version,
      hugo,
      gnuTime: hasGnuTime,
      work: WORK,
      workOnTmpfs,
      loadBefore: loadavg(),
      loadAfter: '',
    },
    options: { items: SIZES, runs: RUNS, engines, dev: devWanted, oursCacheOption: cacheOption, photoEvery: PHOTO_EVERY },
    notes,
    sizes: [],
  };
  console.log(`bench: ${SIZES.join(', ')} items, ${RUNS} runs of ${engines.join(', ')}, in ${WORK} (${workOnTmpfs ? 'tmpfs' : 'disk'}); load ${report.machine.loadBefore}`);

  for (const items of SIZES) {
    // Only the bench's own folder for this size is cleared, before anything is timed.
    const dir = path.join(WORK, `items-${items}`);
    await rm(dir, { recursive: true, force: true });
    const content = path.join(dir, 'content');
    const hugoContent = path.join(dir, 'hugo-content');
    const t0 = performance.now();
    await writeCorpus(content, items);
    if (engines.includes('hugo')) await writeHugoContent(content, hugoContent);
    const corpus = generateCorpus(items);
    const size: SizeResult = { items, issues: corpus.issues.length, corpusMs: performance.now() - t0, runs: [], dev: null };
    report.sizes.push(size);
    console.log(`${items.toLocaleString('en')} items in ${corpus.issues.length} issues written in ${secs(size.corpusMs)}`);

    const measure = async (engine: EngineId, mode: RunRecord['mode'], run: number, invocation: Invocation, out: string): Promise<RunRecord> => {
      const load1 = os.loadavg()[0]!;
      const m = await timedRun(invocation, ROOT, path.join(dir, `time-${engine}-${mode}-${run}.txt`));
      const written = await listOutput(out);
      const record: RunRecord = { engine, mode, run, load1, ok: m.ok, wallMs: m.wallMs, cpuMs: m.cpuMs, peakRssMB: m.peakRssMB, largestRssMB: m.largestRssMB, pages: written.html.length, files: written.files };
      if (!m.ok) record.error = m.outputTail;
      size.runs.push(record);
      console.log(
        `  ${ENGINE_LABELS[engine]}, ${mode} ${run}/${RUNS}: ${m.ok ? '' : 'FAILED, '}${secs(m.wallMs)} wall, ${secs(m.cpuMs)} CPU, ${m.peakRssMB.toFixed(0)} MB, ${written.html.length.toLocaleString('en')} pages`,
      );
      return record;
    };

    // Cold runs, alternating between engines so that a change in the machine's load hits all alike.
    for (let run = 1; run <= RUNS; run++) {
      for (const engine of engines) {
        const runDir = path.join(dir, `${engine}-${run}`);
        const out = path.join(runDir, 'out');
        const invocation =
          engine === 'ours' ? oursBuild(content, out, cacheOption ? path.join(runDir, 'cache') : null) : engine === 'plain' ? plainBuild(content, out) : hugoBuild(hugoContent, out, runDir);
        await measure(engine, 'cold', run, invocation, out);
        // On a tmpfs, outputs are memory: each goes once counted, but for ours' last (the warm runs' start).
        if (workOnTmpfs && !(engine === 'ours' && run === RUNS)) await rm(runDir, { recursive: true, force: true });
      }
    }

    /** A corpus ours builds again on its last cold output and cache. */
    interface Rebuilt {
      corpusDir: string;
      out: string;
      cache: string | null;
      modes: ['warm', 'edited'] | ['warm-photos', 'edited-photos'];
    }
    const rebuilt = (corpusDir: string, runDir: string, modes: Rebuilt['modes']): Rebuilt => ({
      corpusDir,
      out: path.join(runDir, 'out'),
      cache: cacheOption ? path.join(runDir, 'cache') : null,
      modes,
    });
    const targets: Rebuilt[] = [];
    const last = size.runs.findLast((r) => r.engine === 'ours' && r.mode === 'cold');
    if (last?.ok) targets.push(rebuilt(content, path.join(dir, `ours-${RUNS}`), ['warm', 'edited']));
    else if (engines.includes('ours')) notes.push(`${items} items: no warm runs, as the last cold run of ours failed.`);

    // The same corpus with phone photos: ours only (the other engines process no images).
    if (engines.includes('ours') && PHOTO_SIZES.has(items)) {
      const photoContent = path.join(dir, 'content-photos');
      size.photos = await writeCorpus(photoContent, items, { photoEvery: PHOTO_EVERY });
      console.log(`  with ${size.photos} photos of 4000 × 3000:`);
      for (let run = 1; run <= RUNS; run++) {
        const runDir = path.join(dir, `photos-${run}`);
        await measure('ours', 'cold-photos', run, oursBuild(photoContent, path.join(runDir, 'out'), cacheOption ? path.join(runDir, 'cache') : null), path.join(runDir, 'out'));
        if (workOnTmpfs && run < RUNS) await rm(runDir, { recursive: true, force: true });
      }
      if (size.runs.findLast((r) => r.mode === 'cold-photos')?.ok) targets.push(rebuilt(photoContent, path.join(dir, `photos-${RUNS}`), ['warm-photos', 'edited-photos']));
    }

    // Ours again, the corpora with and without photos side by side (one run of each in turn, so that
    // the machine's load hits both alike): nothing changed, then one item's body changed (a
    // different item each run, put back after).
    for (let run = 1; run <= RUNS; run++) {
      for (const { corpusDir, out, cache, modes } of targets) await measure('ours', modes[0], run, oursBuild(corpusDir, out, cache), out);
    }
    for (let run = 1; run <= RUNS; run++) {
      for (const { corpusDir, out, cache, modes } of targets) {
        const edited = corpus.items[Math.floor(((run - 0.5) / RUNS) * corpus.items.length)]!;
        const file = path.join(corpusDir, edited.issue, edited.fileName);
        const before = await readFile(file, 'utf8');
        await writeFile(file, `${before}\n补充：第${run}次基准测试修改。\n`);
        await measure('ours', modes[1], run, oursBuild(corpusDir, out, cache), out);
        await writeFile(file, before);
      }
    }
    const plainCorpus = targets.find((target) => target.modes[0] === 'warm');
    if (plainCorpus) {
      const { corpusDir, out, cache } = plainCorpus;
      // The last edit was put back: built once, not measured, so that the first merge adds an item and
      // does not also correct an older one (which rebuilds the search index whole).
      await timedRun(oursBuild(corpusDir, out, cache), ROOT, path.join(dir, 'time-ours-put-back.txt'));
      // A merge: one more item in the newest issue each run, kept, as merges add up.
      const newest = corpus.issues.at(-1)!;
      const template = corpus.items.findLast((item) => item.issue === newest.key)!;
      for (let run = 1; run <= RUNS; run++) {
        const text = await readFile(path.join(corpusDir, template.issue, template.fileName), 'utf8');
        await writeFile(path.join(corpusDir, newest.key, `99-bench-added-${run}.md`), text.replace(/^title: .*$/m, `title: 基准测试第${run}次合并新增的信息`));
        await measure('ours', 'added', run, oursBuild(corpusDir, out, cache), out);
      }
    }

    if (devWanted) {
      if (!existsSync(devScript)) {
        size.dev = { startupMs: 0, edits: [], skipped: 'src/tools/dev.ts does not exist yet.' };
      } else {
        console.log(`  dev build: ${DEV_EDITS} edits…`);
        // Its own new cache, where dev.ts takes --cache (its default is the repository's .cache/build).
        const cache = /\bcache: \{/.test(await readFile(devScript, 'utf8')) ? ['--cache', path.join(dir, 'dev-cache')] : [];
        const dev: Invocation = { command: process.execPath, args: [path.join(ROOT, 'src/launch.mjs'), devScript, '--content', content, '--out', path.join(dir, 'dev-out'), '--no-serve', ...cache] };
        size.dev = await measureDevEdits(dev, { cwd: ROOT, content, out: path.join(dir, 'dev-out'), items: pickEditableItems(corpus.items, DEV_EDITS), timeoutMs: DEV_TIMEOUT_MS });
        if (size.dev.edits.length > 0) console.log(`  dev build ready in ${secs(size.dev.startupMs)}; edits: ${size.dev.edits.map((e) => secs(e.latencyMs)).join(', ')}`);
      }
      if (size.dev.skipped) console.log(`  dev edits not (fully) measured: ${size.dev.skipped}`);
    }

    if (workOnTmpfs) await rm(dir, { recursive: true, force: true });
    report.machine.loadAfter = loadavg();
    await writeResults(report);
  }
  console.log(`load ${report.machine.loadAfter}; wrote bench/results.md and bench/results.json`);
}

async function writeResults(report: BenchReport): Promise<void> {
  await writeFile(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(report, null, 2)}\n`);
  // Each performance issue's profile and before/after figures: #6's, then #18's.
  const histories = await Promise.all(['bench/pipeline/history.md', 'bench/build/history.md'].map((file) => readFile(path.join(ROOT, file), 'utf8').catch(() => '')));
  const history = histories.filter(Boolean).join('\n\n');
  await writeFile(path.join(ROOT, 'bench/results.md'), markdown(report, history));
}

await main();
