/**
 * The published form (a build with `admin:` in site.yaml): its choices from the validated
 * content, saving through GitHub with the editorial workflow, so that each item a clerk submits
 * is a pull request the editing office reviews and merges. Built ahead of use, it offers the
 * issues that exist; the new week's issue appears once the office has made it and the site is rebuilt.
 */
import { issuePlace, type Content } from '../content/index.ts';
import { groupBy, urls } from '../site/index.ts';
import type { IssuePlace } from './client/setup.ts';
import { cmsConfig, type FormBackend, type FormChoices, type FormIssue } from './config.ts';
import { adminPage } from './page.ts';

function publishedChoices(content: Content): FormChoices {
  const issues: FormIssue[] = content.issues.map((issue) => ({ key: issue.key, year: issue.year, number: issue.number, date: issue.date, create: false }));
  const current = issues.reduce<FormIssue | undefined>((latest, issue) => (!latest || issue.year > latest.year || (issue.year === latest.year && issue.number > latest.number) ? issue : latest), undefined);
  return { office: content.site.office, units: content.units, categories: content.categories, issues, current };
}

/** What `npm run new` reads from an issue folder to name a new item, here read from the model (drafts included: their names are taken too). */
function issuePlaces(content: Content): Record<string, IssuePlace> {
  const byIssue = groupBy(content.items, (item) => item.issue);
  const fileNames = (key: string) => (byIssue.get(key) ?? []).map((item) => item.file.slice(item.file.lastIndexOf('/') + 1));
  return Object.fromEntries(content.issues.map((issue) => [issue.key, issuePlace(fileNames(issue.key))]));
}

/** The admin page of the published site, or undefined when site.yaml does not ask for one. */
export function publishedAdminPage(content: Content, pathPrefix: string): string | undefined {
  const setting = content.site.admin;
  if (!setting) return undefined;
  const choices = publishedChoices(content);
  const backend: FormBackend = { kind: 'github', ...setting };
  // The page is not rendered by Eleventy, which adds the path prefix to the others.
  const stylesheet = `${pathPrefix}${urls.stylesheet.slice(1)}`;
  return adminPage({ config: cmsConfig(choices, backend), office: choices.office, stylesheet, places: issuePlaces(content) }, backend, content.site.title);
}
