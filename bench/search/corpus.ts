/** The search benchmark's corpus as the build sees it: a `Site`, items newest first in `site.newest`. */
import { buildSite } from '../../src/site/structure.ts';
import type { Site } from '../../src/site/model.ts';
import { content, issue, item, stubRender, term } from '../../tests/helpers/content.ts';
import { generateCorpus } from '../corpus/generate.ts';

export function corpusSite(n: number): Site {
  const corpus = generateCorpus(n);
  return buildSite(
    content({
      issues: corpus.issues.map(({ key, date }) => issue(key, date)),
      items: corpus.items.map(({ issue: key, fileName, ...fields }) => item(key, fileName, fields)),
      units: corpus.units.map((name, i) => term(name, `unit-${i}`)),
      categories: corpus.categories.map((name, i) => term(name, `category-${i}`)),
    }),
    stubRender,
  );
}
