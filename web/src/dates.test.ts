import { describe, expect, it } from 'vitest';
import { daysInMonth, joinDate, monthNames, provinceDay, splitDate } from './dates';

describe('date fields', () => {
  it('join day, month and year as an ISO day, clamping the day to the month', () => {
    expect(joinDate(2026, 3, 9)).toBe('2026-03-09');
    expect(joinDate(2026, 2, 31)).toBe('2026-02-28');
    expect(joinDate(2024, 2, 31)).toBe('2024-02-29');
    expect(joinDate(2026, 13, 0)).toBe('2026-12-01');
    expect(joinDate(Number.NaN, 4, 31)).toBe('0001-04-30');
  });
  it('split what they joined', () => {
    expect(splitDate('2026-11-05')).toEqual({ year: 2026, month: 11, day: 5 });
    expect(splitDate('garbage').month).toBe(1);
  });
  it('count the days of a month', () => {
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(daysInMonth(2100, 2)).toBe(28);
  });
  it('name the months in the app language, not the browser one', () => {
    expect(monthNames('en')[0]).toBe('January');
    expect(monthNames('id')[7]).toBe('Agustus');
    expect(monthNames('vi')[0].toLowerCase()).toContain('1');
  });
});

describe('the province\'s day', () => {
  it('turns at the province\'s midnight, not at UTC\'s or the browser\'s', () => {
    const utc = Date.UTC(2026, 11, 2, 17, 30); // 2 December 17:30 UTC = 3 December 00:30 in Jakarta
    expect(provinceDay(420, utc)).toBe('2026-12-03');
    expect(provinceDay(0, utc)).toBe('2026-12-02');
    expect(provinceDay(420, Date.UTC(2026, 11, 2, 16, 59))).toBe('2026-12-02');
    expect(provinceDay(420, utc, -83)).toBe('2026-09-11');
  });
});
