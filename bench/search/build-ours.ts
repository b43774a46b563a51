/**
 * One index build of our engine, in a process of its own so its peak RSS can be measured:
 * `node --import tsx bench/search/build-ours.ts N OUT_DIR [SHARD_TARGET]`.
 * Prints one JSON line: build time (from the site structure to files on disk), its CPU time and sizes.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startSearchIndex, writeSearchIndex } from '../../src/search/write.ts';
import { corpusSite } from './corpus.ts';

/** What the browser part of the benchmark calls: the client's own module, cold then warm. */
const HARNESS = `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>our engine</title>
<script type="module">
window.bench = async (q, filters, warmRuns) => {
  const t0 = performance.now();
  const client = await import('./search/search.js');
  const index = await client.openIndex();
  // As the page answers: pinyin read as characters, a homophone looked for when nothing is found.
  const found = await client.answer(index, q, filters);
  const cold = performance.now() - t0;
  const warm = [];
  for (let i = 0; i < warmRuns; i++) {
    const t = performance.now();
    await client.answer(index, q, filters);
    warm.push(performance.now() - t);
  }
  const { value, approximate } = found.results.count;
  return { cold, warm, shown: found.hits.length, count: value, approximate, typedInPinyin: found.typedInPinyin, homophone: found.homophone };
};
</script>
`;

const [n, out, shardTarget] = process.argv.slice(2);
const site = corpusSite(Number(n));
await rm(out!, { recursive: true, force: true });
const start = performance.now();
const cpu = process.cpuUsage();
const options = shardTarget ? { shardTarget: Number(shardTarget) } : {};
const index = await writeSearchIndex(site, out!, { started: startSearchIndex(site, options) });
const ms = performance.now() - start;
const { user, system } = process.cpuUsage(cpu);
await writeFile(path.join(out!, 'bench.html'), HARNESS);
console.log(JSON.stringify({ ms, cpuMs: (user + system) / 1000, files: index.files.size, tokens: index.tokens, shards: index.manifest.segments[0]!.shards.length, sizes: index.sizes }));

