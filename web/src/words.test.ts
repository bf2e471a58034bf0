// Every word a person sees comes from the i18n files, in their language: a test that fails when
// a page writes visible text of its own, and checks the error messages chosen by problem type.
import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { translate, type Key } from './i18n';
import { errorMessage, waitWords } from './ui';

// Every page and component, as source text (Vite reads them for the test).
const SOURCES = import.meta.glob('./**/*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('visible words', () => {
  it('no page writes text between tags or in a label attribute that is not from t()', () => {
    const offenders: string[] = [];
    expect(Object.keys(SOURCES).length).toBeGreaterThan(10);
    for (const [file, source] of Object.entries(SOURCES)) {
      const code = source.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      // Text between a closing ">" and the next "<" or "{" that holds a letter (JSX children).
      for (const m of code.matchAll(/>([^<>{}()=;&|?:]*[A-Za-zÀ-ỹ]{2,}[^<>{}()=;&|?:]*)</g)) {
        if (code[(m.index ?? 0) - 1] === '=') continue; // "=> f<T>(…)": an arrow, not a tag
        const text = m[1].trim();
        if (text && !/^[\s·—–\-:,.()0-9]*$/.test(text)) offenders.push(`${file}: ${text}`);
      }
      for (const m of code.matchAll(/\b(?:aria-label|alt|title|placeholder)="([^"]*[A-Za-z][^"]*)"/g)) {
        offenders.push(`${file}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('error messages', () => {
  const t = (key: Key, vars?: Record<string, string | number>) => translate('vi', key, vars);
  it('are chosen by the problem type, in the reader language, never the English detail', () => {
    const e = new ApiError(401, 'https://jembatan.example/problems/unauthorized', 'wrong PIN for case K7M2QX9R');
    expect(errorMessage(t, e)).toBe(translate('vi', 'error.unauthorized'));
    expect(errorMessage(t, e)).not.toContain('wrong PIN');
  });
  it('name the field as the form names it', () => {
    const e = new ApiError(400, 'https://x/problems/invalid-input', 'reporter.phone must be 8 to 15 digits', 'reporter.phone');
    expect(errorMessage(t, e)).toBe(translate('vi', 'error.invalid-input-field', { field: translate('vi', 'report.phone') }));
  });
  it('say "no connection" for a fetch that could not leave, and something for a new type', () => {
    expect(errorMessage(t, new TypeError('Failed to fetch'))).toBe(translate('vi', 'error.network'));
    expect(errorMessage(t, new ApiError(418, 'https://x/problems/teapot', 'x'))).toBe(translate('vi', 'error.unknown', { status: 418 }));
  });
});

describe('waits', () => {
  const t = (key: Key, vars?: Record<string, string | number>) => translate('id', key, vars);
  it('say the Retry-After in seconds under a minute and in whole minutes above', () => {
    expect(waitWords(t, 40)).toBe('40 detik');
    expect(waitWords(t, 60)).toBe('1 menit');
    expect(waitWords(t, 61)).toBe('2 menit');
    expect(waitWords(t, undefined)).toBe('1 menit');
  });
});
