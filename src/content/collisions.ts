/** Checks across files: two items of one issue must not share a URL; two issue folders must not share a number. */
import type { Issue, Item } from './model.ts';
import type { Reporter } from './reporter.ts';

export function checkCollisions(issues: readonly Issue[], items: readonly Item[], report: Reporter): void {
  const issueByNumber = new Map<string, Issue>();
  for (const issue of issues) {
    const id = `${issue.year}-${issue.number}`;
    const other = issueByNumber.get(id);
    if (other) {
      report.error(issue.file, `与 ${report.display(other.file)} 同为${issue.year}年第${issue.number}期：请删除或重新编号其中一个期次目录`);
    }
    issueByNumber.set(id, issue);
  }
  const itemByUrl = new Map<string, Item>();
  for (const item of items) {
    const url = `/${item.issue}/${item.slug}/`;
    const other = itemByUrl.get(url);
    if (other) {
      report.error(
        item.file,
        `与 ${report.display(other.file)} 的网址相同（${url}）：请修改其中一个的文件名，或加一行 slug: 另一个网址名`,
      );
    }
    itemByUrl.set(url, item);
  }
}
