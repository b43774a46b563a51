import { describe, expect, it } from 'vitest';
import { Bitset } from '../../src/search/bitset.ts';
import { decodeShard, encodeIds, encodeShard, Encoding, forEachId, FormatError, shardOf, type ShardList } from '../../src/search/format.ts';

const idsOf = (list: ShardList) => {
  const ids: number[] = [];
  forEachId(list, (id) => ids.push(id));
  return ids;
};

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('id lists', () => {
  it.each([
    ['empty', []],
    ['one id', [0]],
    ['a large id', [2 ** 28 + 5]],
    ['sparse', [3, 1000, 1001, 50000]],
    ['dense', range(0, 4000).filter((id) => id % 3 !== 0)],
    ['clustered', [...range(10, 2000), ...range(5000, 9000)]],
    ['everything', range(0, 777)],
  ])('%s: decodes to the ids it was made from', (_, ids) => {
    const list = encodeIds(ids);
    expect(list.count).toBe(ids.length);
    expect(idsOf(list)).toEqual(ids);
  });

  it('takes the smallest encoding: gaps for sparse lists, a bitmap for dense ones, runs for clustered ones', () => {
    expect(encodeIds([3, 1000, 50000]).encoding).toBe(Encoding.Gaps);
    expect(encodeIds(range(0, 4000).filter((id) => id % 3 !== 0)).encoding).toBe(Encoding.Bitmap);
    expect(encodeIds(range(10, 20000)).encoding).toBe(Encoding.Runs);
    // A dense list costs at most one bit per item of the id range.
    expect(encodeIds(range(0, 8000).filter((id) => id % 2 === 0)).payload.length).toBeLessThanOrEqual(1000);
  });
});

describe('token shards', () => {
  const entries = [
    { token: '\u0000unit:济源路街道', ids: [1, 5] },
    { token: '48', ids: [2] },
    { token: '疫', ids: range(0, 300) },
    { token: '疫情', ids: [0, 7, 299] },
    { token: '𠀀', ids: [9] },
  ];

  it('decode to every token with its ids', () => {
    const bytes = encodeShard(entries.map(({ token, ids }) => ({ token, list: encodeIds(ids) })));
    const decoded = decodeShard(bytes);
    expect([...decoded.keys()]).toEqual(entries.map((e) => e.token));
    for (const { token, ids } of entries) expect(idsOf(decoded.get(token)!)).toEqual(ids);
  });

  it('refuse bytes that are not a version 1 shard, or are cut short', () => {
    const bytes = encodeShard(entries.map(({ token, ids }) => ({ token, list: encodeIds(ids) })));
    expect(() => decodeShard(new TextEncoder().encode('BST2\u0000'))).toThrow(FormatError);
    expect(() => decodeShard(bytes.subarray(0, bytes.length - 3))).toThrow(FormatError);
  });

  it('are found by binary search over their first tokens', () => {
    const firsts = ['', '中', '冷', '疫'];
    expect(shardOf(firsts, '\u0000year:2021')).toBe(0);
    expect(shardOf(firsts, '48')).toBe(0);
    expect(shardOf(firsts, '中')).toBe(1);
    expect(shardOf(firsts, '中心')).toBe(1);
    expect(shardOf(firsts, '冷链')).toBe(2);
    expect(shardOf(firsts, '疫情')).toBe(3);
    expect(shardOf(firsts, '𠀀')).toBe(3);
    expect(shardOf([''], '任何')).toBe(0);
  });
});

describe('id sets (intersection and union)', () => {
  it('intersect, unite and count across word boundaries, with a size that is not a multiple of 32', () => {
    const a = Bitset.of(70, [0, 31, 32, 33, 63, 64, 69]);
    const b = Bitset.of(70, [1, 31, 33, 64, 68, 69]);
    expect([...Bitset.of(70, a).and(b)]).toEqual([31, 33, 64, 69]);
    expect([...Bitset.of(70, a).or(b)]).toEqual([0, 1, 31, 32, 33, 63, 64, 68, 69]);
    expect(Bitset.of(70, a).and(b).count()).toBe(4);
  });

  it('walk ids in ascending order from any point', () => {
    const set = Bitset.of(100, [5, 31, 32, 99]);
    expect([set.next(0), set.next(6), set.next(32), set.next(33), set.next(100)]).toEqual([5, 31, 32, 99, -1]);
  });

  it('a full set holds exactly the ids below its size', () => {
    expect(Bitset.full(33).count()).toBe(33);
    expect([...Bitset.full(33)].at(-1)).toBe(32);
    expect(Bitset.full(64).count()).toBe(64);
    expect(Bitset.full(0).count()).toBe(0);
  });
});
