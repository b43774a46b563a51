/**
 * Which of the many paginated pages (items, issues, listings, statistics) changed since an
 * earlier build.
 * A page's fingerprint hashes everything its template reads: its own entry of the site
 * structure, what every page shows (site settings, navigation, whether there is a feed), and
 * `salt`, the caller's hash of the layouts, the code and the build options. Equal fingerprints
 * mean the page would be written byte for byte as before, so its earlier output can be reused.
 */
import { createHash } from 'node:crypto';
import { groupBy } from './group-by.ts';
import type { ItemSummary, RenderSet, Site } from './model.ts';

/** Page URL → fingerprint, for the pages of the render set. */
export type Fingerprints = Map<string, string>;

export function fingerprintPages(site: Site, salt: string): Fingerprints {
  // What every page shows, hashed once rather than with each of the 25,000 pages of 20,000 items.
  const shared = createHash('sha256').update(JSON.stringify([salt, site.config, site.nav, site.newest.length > 0])).digest('base64url');
  const fingerprints: Fingerprints = new Map();
  const add = (url: string, json: string) => fingerprints.set(url, createHash('sha256').update(shared).update(json).digest('base64url'));
  // A body's HTML and text stand in by `bodyKey`, the hash of what they are rendered from: hashing
  // the bodies themselves took 0.24 s at 20,000 items, and serializing them 160 MB on every save
  // of a dev server.
  for (const item of site.items) add(item.url, JSON.stringify({ ...item, html: undefined, text: undefined }));
  // Issues show whole items: each stands in by its fingerprint, so that no body is serialized
  // more than once (at 4,000 items that took 1.1 s rather than 0.3 s).
  for (const page of site.issues) add(page.url, JSON.stringify({ ...page, items: page.items.map((item) => fingerprints.get(item.url)) }));
  // Lists show summaries, each in four lists: hashed once, by the object the lists share.
  const summaryDigests = new Map<ItemSummary, string>();
  const summaryDigest = (summary: ItemSummary) => {
    let known = summaryDigests.get(summary);
    if (known === undefined) summaryDigests.set(summary, (known = createHash('sha256').update(JSON.stringify(summary)).digest('base64url')));
    return known;
  };
  for (const page of site.listings) add(page.url, JSON.stringify({ ...page, items: page.items.map(summaryDigest) }));
  // A year's statistics change with that year's issues, the overview with any (and all of them
  // when a year comes, as each page links every year): a merge rendered all 108 of these files
  // at 20,000 items.
  for (const page of [...site.stats.pages, ...site.stats.csv]) add(page.url, JSON.stringify(page));
  return fingerprints;
}

/** What the search index is built from: every item, newest first, by its fingerprint (which covers all its data). */
export function searchKey(site: Site, fingerprints: Fingerprints): string {
  return createHash('sha256')
    .update(site.newest.map((item) => fingerprints.get(item.url)).join())
    .digest('base64url');
}

/**
 * Issue URL → what its PDF is printed from, for the issues offered as PDF: the issue page's
 * fingerprint (its text, the layouts, the code) and the photos it shows, by their bytes' hash,
 * since a photo replaced under the same name leaves the page as it was.
 */
export function issuePdfKeys(site: Site, fingerprints: Fingerprints): Map<string, string> {
  const keys = new Map<string, string>();
  // A file's URL starts with its page's, and an item's page is under its issue's: `/2021/03/…`.
  const filesByIssue = groupBy(site.files, (file) => `${file.url.split('/', 3).join('/')}/`);
  for (const issue of site.issues) {
    if (!issue.pdf) continue;
    const shown = (filesByIssue.get(issue.url) ?? []).map((file) => `${file.url} ${file.hash}`);
    keys.set(issue.url, createHash('sha256').update(JSON.stringify([fingerprints.get(issue.url), shown])).digest('base64url'));
  }
  return keys;
}

/** The pages to render: those whose fingerprint is not in `reusable` (URL → fingerprint of output at hand). */
export function changedPages(site: Site, fingerprints: Fingerprints, reusable: ReadonlyMap<string, string>): RenderSet {
  const changed = <T extends { url: string }>(pages: readonly T[]) => pages.filter((page) => reusable.get(page.url) !== fingerprints.get(page.url));
  return {
    items: changed(site.items),
    issues: changed(site.issues),
    listings: changed(site.listings),
    stats: changed(site.stats.pages),
    csv: changed(site.stats.csv),
  };
}

/**
 * The whole site's fingerprint: everything any template reads. Equal, every file of the output
 * would be written as before (the small templates read the site as a whole). Each page of
 * `pages` stands in by its fingerprint, which covers all of it.
 */
export function fingerprintSite(site: Site, salt: string, pages: Fingerprints): string {
  const json = JSON.stringify(site, (_key, value: unknown) => {
    if (value && typeof value === 'object' && 'url' in value && ('html' in value || 'items' in value)) {
      return pages.get((value as { url: string }).url) ?? value;
    }
    return value;
  });
  return createHash('sha256').update(salt).update(json).digest('base64url');
}
