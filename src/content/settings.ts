/** The site settings (`_data/site.yaml`) and the two lists (`_data/units.yaml`, `_data/categories.yaml`). */
import { readText } from './checked-file.ts';
import type { SiteConfig, Term } from './model.ts';
import type { Reporter } from './reporter.ts';
import { check, siteSchema, termListSchema } from './schema.ts';
import { toSlug } from './slug.ts';
import { parseYaml, type ParsedYaml } from './yaml.ts';

export const SITE_FILE = '_data/site.yaml';
export const UNITS_FILE = '_data/units.yaml';
export const CATEGORIES_FILE = '_data/categories.yaml';

export interface LoadedSite {
  site: SiteConfig;
  yaml: ParsedYaml;
}

export async function loadSite(contentDir: string, report: Reporter): Promise<LoadedSite | undefined> {
  const source = await readText(contentDir, SITE_FILE, report);
  if (source === undefined) return undefined;
  const yaml = parseYaml(source);
  const { value, problems } = check(siteSchema, yaml);
  report.add(SITE_FILE, problems);
  return value && { site: value, yaml };
}

/**
 * Every unit, the editing office included: items without `unit` are its own, so it has a unit
 * page too. units.yaml may list it (under its name or an alias) to give it a slug; otherwise it
 * comes first, with the pinyin of its name, which must not be another unit's URL.
 */
export function withOffice(units: Term[], loaded: LoadedSite, report: Reporter): Term[] {
  const office = loaded.site.office;
  if (units.some((unit) => unit.name === office || unit.aliases.includes(office))) return units;
  const slug = toSlug(office);
  const clash = units.find((unit) => unit.slug === slug);
  if (clash || slug === '') {
    report.add(SITE_FILE, [
      {
        ...loaded.yaml.locate(['office']),
        severity: 'error',
        message: clash
          ? `编印单位的网址名（${slug}）与来源单位“${clash.name}”相同：请在 units.yaml 中为编印单位加一项，写明另一个 slug`
          : '无法从编印单位的名称生成网址名：请在 units.yaml 中为编印单位加一项，写明 slug',
      },
    ]);
  }
  return [{ name: office, slug, aliases: [] }, ...units];
}

/** A units or categories list; names, aliases and URLs must each be unique. */
export async function loadTerms(contentDir: string, file: string, report: Reporter): Promise<Term[] | undefined> {
  const source = await readText(contentDir, file, report);
  if (source === undefined) return undefined;
  const yaml = parseYaml(source);
  const { value, problems } = check(termListSchema, yaml);
  report.add(file, problems);
  if (!value) return undefined;
  const terms = value.map((entry) => ({ name: entry.name, slug: entry.slug ?? toSlug(entry.name), aliases: entry.aliases }));
  terms.forEach((term, index) => {
    if (term.slug === '') {
      report.add(file, [{ ...yaml.locate([index, 'name']), severity: 'error', message: `无法从“${term.name}”生成网址名：请为它加一行 slug: 拼音名` }]);
    }
  });
  const names = new Map<string, string>();
  const slugs = new Map<string, string>();
  terms.forEach((term, index) => {
    for (const name of [term.name, ...term.aliases]) {
      const owner = names.get(name);
      if (owner !== undefined) {
        report.add(file, [{ ...yaml.locate([index, 'name']), severity: 'error', message: `名称“${name}”已用于“${owner}”：名称和别名不能重复` }]);
      }
      names.set(name, term.name);
    }
    const owner = slugs.get(term.slug);
    if (owner !== undefined) {
      report.add(file, [
        {
          ...yaml.locate([index, 'name']),
          severity: 'error',
          message: `“${term.name}”与“${owner}”的网址名相同（${term.slug}）：请为其中一个加一行 slug: 另一个拼音名`,
        },
      ]);
    }
    slugs.set(term.slug, term.name);
  });
  return terms;
}
