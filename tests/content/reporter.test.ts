import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/content/reporter.ts';

/** What displayPath must give: the file's path from the root, resolved in full, with `/`. */
const resolved = (contentDir: string, root: string, relative: string) => path.relative(root, path.join(contentDir, relative)).split(path.sep).join('/');

describe('displayPath', () => {
  const cases: [string, string, string][] = [
    ['/work/p/content', '/work/p', '2021/03/01-a.md'],
    ['content', process.cwd(), '2021/03/01-a.md'],
    ['/work/p/content', '/work/p/content', '_data/site.yaml'],
    ['/dev/shm/c4k', '/work/main', '2025/52/10-x3999.md'],
    ['/work/p/content', '/work/p', '2021/03/./01-a.md'],
    ['/work/p/content', '/work/p', '2021/03/../04/01-a.md'],
    ['/work/p/content', '/work/p', '../outside.md'],
    ['/work/p/content', '/work/p', './2021/index.md'],
    ['/work/p/content', '/work/p', '2021//03/x.md'],
    ['/work/p/content', '/work/p', '2021/..'],
  ];
  it.each(cases)('names %s + %s from %s as the full resolution does', (contentDir, root, relative) => {
    expect(displayPath(contentDir, root, relative)).toBe(resolved(contentDir, root, relative));
    // Again, from the folder's remembered name.
    expect(displayPath(contentDir, root, relative)).toBe(resolved(contentDir, root, relative));
  });

  it('names files of a content folder inside the project relative to it', () => {
    expect(displayPath('/work/p/content', '/work/p', '2021/03/01-a.md')).toBe('content/2021/03/01-a.md');
    expect(displayPath('/dev/shm/c4k', '/work/main', '2025/52/x.md')).toBe('../../dev/shm/c4k/2025/52/x.md');
  });
});
