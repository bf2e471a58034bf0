import { describe, expect, it } from 'vitest';
import { fold, searchPlaces } from './place_search';

const places = [
  { code: 'C001-V03', name: 'Thôn Đông 3', commune: 'Biên Sơn' },
  { code: 'C001-V01', name: 'Bản Quang 1', commune: 'Biên Sơn' },
  { code: 'C002-V01', name: 'Bản Kim 1', commune: 'Sơn Hải' },
  { code: 'C001', name: 'Biên Sơn', commune: null },
];

describe('place search', () => {
  it('folds case, diacritics and đ', () => {
    expect(fold('  Thôn ĐÔNG-3 ')).toBe('thon dong 3');
  });
  it('finds by name without diacritics, by name and commune, and by code', () => {
    expect(searchPlaces(places, 'thon dong').map((p) => p.code)).toEqual(['C001-V03']);
    expect(searchPlaces(places, 'ban son hai').map((p) => p.code)).toEqual(['C002-V01']);
    expect(searchPlaces(places, 'c001-v01').map((p) => p.code)).toEqual(['C001-V01']);
  });
  it('puts names that start with the query first and finds nothing for nothing', () => {
    expect(searchPlaces(places, 'bien')[0].code).toBe('C001');
    expect(searchPlaces(places, '   ')).toEqual([]);
    expect(searchPlaces(places, 'atlantis')).toEqual([]);
  });
});
