/**
 * What `new` and `import` need from the content before they add to it: the settings, both
 * lists and the issues. They come from `loadContent`, so the tools see the content exactly as
 * `check` and the build do; a problem in someone else's item does not stop them.
 */
import { formatDiagnostic, type IsoDate, type Issue, type SiteConfig, type Term, Vocabulary } from '../content/index.ts';
import { validateContent } from '../pipeline/index.ts';

export interface Setting {
  site: SiteConfig;
  /** Canonical name of the editing office. */
  office: string;
  units: Term[];
  unitNames: Vocabulary;
  categories: Term[];
  categoryNames: Vocabulary;
  issues: Issue[];
}

/** Settings, lists and issue files: what the tools decide with. */
const DECIDING = /(^|\/)(_data\/[^/]+|index\.md)$/;

export async function loadSetting(contentDir: string, root: string, today: IsoDate, print: (line: string) => void): Promise<Setting | undefined> {
  const { loaded, diagnostics } = await validateContent(contentDir, { root, today });
  const blocking = diagnostics.filter((d) => d.severity === 'error' && DECIDING.test(d.file));
  const { site, units, categories, issues } = loaded;
  if (blocking.length > 0 || !site || !units || !categories) {
    for (const diagnostic of blocking) print(formatDiagnostic(diagnostic));
    print('请先改正以上问题（网站设置、名单或期次文件），再添加信息；npm run check 会列出全部问题。');
    return undefined;
  }
  const unitNames = new Vocabulary(units);
  return {
    site,
    office: unitNames.resolve(site.office) ?? site.office,
    units,
    unitNames,
    categories,
    categoryNames: new Vocabulary(categories),
    issues,
  };
}
