import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, dateInChina, daysBetween, formatChineseDate, parseIsoDate, suggestIsoDate, yearOf } from '../../src/content/date.ts';
import { buildSite } from '../../src/site/structure.ts';
import { content, issue, item, stubRender } from '../helpers/content.ts';

describe('parseIsoDate', () => {
  it('reads a well-formed date into numbers', () => {
    expect(parseIsoDate('2021-01-23')).toEqual({ year: 2021, month: 1, day: 23 });
    expect(parseIsoDate('1999-12-31')).toEqual({ year: 1999, month: 12, day: 31 });
  });

  it('knows the leap years: every 4th, not every 100th, but every 400th', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseIsoDate('1900-02-29')).toBeUndefined();
    expect(parseIsoDate('2021-02-29')).toBeUndefined();
    expect(parseIsoDate('2100-02-29')).toBeUndefined();
    expect(parseIsoDate('2021-02-28')).toBeDefined();
    expect(parseIsoDate('2024-02-30')).toBeUndefined();
  });

  it('knows the length of every month', () => {
    const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    lengths.forEach((length, index) => {
      const month = String(index + 1).padStart(2, '0');
      expect(parseIsoDate(`2021-${month}-${length}`), `2021-${month}-${length}`).toBeDefined();
      expect(parseIsoDate(`2021-${month}-${length + 1}`), `2021-${month}-${length + 1}`).toBeUndefined();
      expect(parseIsoDate(`2021-${month}-01`)).toBeDefined();
      expect(parseIsoDate(`2021-${month}-00`)).toBeUndefined();
    });
  });

  it('refuses month 0 and 13', () => {
    expect(parseIsoDate('2021-00-10')).toBeUndefined();
    expect(parseIsoDate('2021-13-10')).toBeUndefined();
  });

  it('refuses anything but exactly YYYY-MM-DD', () => {
    for (const value of ['2021-1-23', '2021-01-3', '21-01-23', ' 2021-01-23', '2021-01-23 ', '2021/01/23', '2021年1月23日', '2021-01-23T00:00', '', '２０２１-01-23']) {
      expect(parseIsoDate(value), JSON.stringify(value)).toBeUndefined();
    }
  });
});

describe('formatChineseDate', () => {
  it('writes year, month and day without leading zeros', () => {
    expect(formatChineseDate('2021-01-23')).toBe('2021年1月23日');
    expect(formatChineseDate('2021-10-05')).toBe('2021年10月5日');
    expect(formatChineseDate('2024-02-29')).toBe('2024年2月29日');
    expect(formatChineseDate('2021-12-31')).toBe('2021年12月31日');
  });

  it('throws on a date that does not exist', () => {
    expect(() => formatChineseDate('2021-02-30')).toThrow();
    expect(() => formatChineseDate('2021/1/23')).toThrow();
  });

  it('gives the year of a date', () => {
    expect(yearOf('2021-01-01')).toBe(2021);
    expect(yearOf('2020-12-31')).toBe(2020);
  });
});

describe('suggestIsoDate', () => {
  it('reads the ways clerks write a date by hand', () => {
    for (const value of ['2021年1月23日', '2021年01月23日', '2021年1月23', '2021/1/23', '2021/01/23', '2021.1.23', '2021-1-23', '2021－1－23', ' 2021 年 1 月 23 日 ']) {
      expect(suggestIsoDate(value), value).toBe('2021-01-23');
    }
  });

  it('pads month and day', () => {
    expect(suggestIsoDate('2021年3月5日')).toBe('2021-03-05');
    expect(suggestIsoDate('2021/12/1')).toBe('2021-12-01');
  });

  it('suggests nothing for a date that does not exist', () => {
    expect(suggestIsoDate('2021年2月30日')).toBeUndefined();
    expect(suggestIsoDate('2021/13/1')).toBeUndefined();
    expect(suggestIsoDate('2023年2月29日')).toBeUndefined();
    expect(suggestIsoDate('2024年2月29日')).toBe('2024-02-29');
  });

  it('suggests nothing for what is no date', () => {
    for (const value of ['1月23日', '二〇二一年一月二十三日', 'abc', '', '2021年1月', '20210123']) {
      expect(suggestIsoDate(value), JSON.stringify(value)).toBeUndefined();
    }
  });

  it('gives a well-formed date back as it is', () => {
    expect(suggestIsoDate('2021-01-23')).toBe('2021-01-23');
  });
});

describe('time-zone independence', () => {
  const zones = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati'];
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.TZ;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  function inZone<T>(zone: string, run: () => T): T {
    process.env.TZ = zone;
    return run();
  }

  it('the zone change takes effect in this process (sanity check of the test itself)', () => {
    const offsets = zones.map((zone) => inZone(zone, () => new Date(Date.UTC(2021, 0, 23)).getTimezoneOffset()));
    expect(new Set(offsets).size).toBe(zones.length);
  });

  it('formatChineseDate gives the same day in every zone', () => {
    const dates = ['2021-01-01', '2021-01-23', '2020-12-31', '2024-02-29', '2021-03-14'];
    const outputs = zones.map((zone) => inZone(zone, () => dates.map(formatChineseDate)));
    for (const output of outputs) {
      expect(output).toEqual(['2021年1月1日', '2021年1月23日', '2020年12月31日', '2024年2月29日', '2021年3月14日']);
    }
  });

  it('buildSite gives the same order, dates and years in every zone', () => {
    // Dates on year boundaries: a UTC-midnight Date read in Los Angeles would fall on the day before.
    const model = content({
      issues: [issue('2020/52', '2020-12-31'), issue('2021/01', '2021-01-01')],
      items: [
        item('2020/52', '01-a.md', { date: '2020-12-31' }),
        item('2020/52', '02-b.md', { date: '2020-12-30' }),
        item('2021/01', '01-c.md', { date: '2021-01-01' }),
        item('2021/01', '02-d.md', { date: '2020-12-31' }),
      ],
    });
    const snapshot = () => {
      const site = buildSite(model, stubRender);
      return {
        archive: site.listings.filter((l) => l.kind === 'archive').flatMap((l) => l.items.map((i) => `${i.url} ${i.dateText}`)),
        issues: site.issues.map((i) => `${i.url} ${i.dateText}`),
        years: site.listings.filter((l) => l.kind === 'year').map((l) => `${l.url} ${l.items.length}`),
      };
    };
    const outputs = zones.map((zone) => inZone(zone, snapshot));
    expect(outputs[0]).toEqual({
      archive: [
        '/2021/01/c/ 2021年1月1日',
        '/2021/01/d/ 2020年12月31日',
        '/2020/52/a/ 2020年12月31日',
        '/2020/52/b/ 2020年12月30日',
      ],
      issues: ['/2021/01/ 2021年1月1日', '/2020/52/ 2020年12月31日'],
      // A year is the issue's year: d, dated 2020-12-31, is in 2021年第1期.
      years: ['/years/2021/ 2', '/years/2020/ 2'],
    });
    for (const output of outputs.slice(1)) expect(output).toEqual(outputs[0]);
  });
});

describe('daysBetween and addDays', () => {
  it('count across month ends, a leap day and a year end', () => {
    expect(daysBetween('2021-01-26', '2021-02-25')).toBe(30);
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('2021-01-04', '2020-12-28')).toBe(-7);
    expect(addDays('2020-12-28', 7)).toBe('2021-01-04');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
  });
});

describe('dateInChina', () => {
  it('is already the next day in Beijing at 16:00 UTC, and still the same day at 15:59', () => {
    expect(dateInChina(new Date('2021-01-24T16:00:00Z'))).toBe('2021-01-25');
    expect(dateInChina(new Date('2021-01-24T15:59:59Z'))).toBe('2021-01-24');
  });

  it('moves the year on at 16:00 UTC on 31 December', () => {
    expect(dateInChina(new Date('2020-12-31T16:00:00Z'))).toBe('2021-01-01');
  });
});
