import { describe, expect, it } from 'vitest';
import { en } from './en';
import { id } from './id';
import { vi } from './vi';
import { formatNumber, formatPercent, pickLanguage, translate, formatRate } from './index';

describe('languages', () => {
  it('has every text in every language, none empty, with the same placeholders', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const dict of [id, vi]) {
      expect(Object.keys(dict).sort()).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(dict)) {
        expect(v.trim().length, k).toBeGreaterThan(0);
        expect(placeholders(v), k).toEqual(placeholders(en[k as keyof typeof en]));
      }
    }
  });

  it('picks a stored choice, then the browser language, then Indonesian', () => {
    expect(pickLanguage(['vi-VN', 'en'], null)).toBe('vi');
    expect(pickLanguage(['fr-FR', 'en-US'], null)).toBe('en');
    expect(pickLanguage(['fr'], null)).toBe('id');
    expect(pickLanguage(['vi'], 'en')).toBe('en');
    expect(pickLanguage(['vi'], 'xx')).toBe('vi');
  });

  it('fills placeholders', () => {
    expect(translate('en', 'member.waiting', { count: 2 })).toBe('Waiting to send: 2');
    expect(translate('vi', 'case.title', { code: 'K7M2QX9R' })).toBe('Phản ánh K7M2QX9R');
  });

  it('formats numbers for the language', () => {
    expect(formatNumber('id', 1234567)).toBe('1.234.567');
    expect(formatNumber('en', 1234567)).toBe('1,234,567');
    expect(formatPercent('en', 0.905)).toBe('91%');
    expect(formatNumber('en', null)).toBe('');
  });
});

describe('rates the server computed', () => {
  it('keep both decimals, in each language, and are never recomputed', () => {
    expect(formatRate('en', '64.99')).toBe('64.99%');
    expect(formatRate('vi', '64.99')).toMatch(/^64,99\s?%$/);
    expect(formatRate('id', '19.05')).toMatch(/^19,05\s?%$/);
    expect(formatRate('en', '100.00')).toBe('100.00%');
    expect(formatRate('en', null)).toBe('');
  });
});
