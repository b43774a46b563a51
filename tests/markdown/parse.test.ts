/** The dialect's parser: what a single tilde and an indent are. */
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { markdownParser } from '../../src/markdown/parse.ts';

const types = (source: string) => (markdownParser.parse(source) as Root).children.map((node) => node.type);

describe('markdownParser', () => {
  it('never strikes through with single tildes, in any of the ways Chinese writes ranges', () => {
    for (const range of ['1~2月', '5~8个', '3~4季度', '第1~3条和第5~6条', '~约~', '1 ~ 2月']) {
      const tree = markdownParser.parse(range) as Root;
      expect(JSON.stringify(tree), range).not.toContain('"delete"');
    }
    expect(JSON.stringify(markdownParser.parse('~~取消~~'))).toContain('"delete"');
  });

  it('makes no code block of an indent, of any depth, with spaces or a tab; fenced code still is one', () => {
    expect(types('    四格缩进')).toEqual(['paragraph']);
    expect(types('        八格缩进')).toEqual(['paragraph']);
    expect(types('\t制表符')).toEqual(['paragraph']);
    expect(types('第一段\n\n    第二段')).toEqual(['paragraph', 'paragraph']);
    expect(types('```\ncode\n```')).toEqual(['code']);
  });
});
