/** Day arithmetic on `YYYY-MM-DD` strings, and today's date in China from an instant. */
import { describe, expect, it } from 'vitest';
import { addDays, dateInChina, daysBetween } from '../../src/content/date.ts';

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
