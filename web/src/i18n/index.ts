// The app's languages: chosen from the browser, switchable, kept in localStorage. Dates and
// numbers are formatted for the language with Intl.
import { en, type Key } from './en';
import { id } from './id';
import { vi } from './vi';

export type Lang = 'id' | 'vi' | 'en';
export const LANGS: readonly Lang[] = ['id', 'vi', 'en'];
export const LANG_NAMES: Record<Lang, string> = { id: 'Bahasa Indonesia', vi: 'Tiếng Việt', en: 'English' };
const DICTS: Record<Lang, Record<Key, string>> = { id, vi, en };
const LOCALES: Record<Lang, string> = { id: 'id-ID', vi: 'vi-VN', en: 'en-GB' };

// The first of the browser's languages we have; Indonesian otherwise.
export function pickLanguage(preferred: readonly string[], stored: string | null): Lang {
  if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  for (const p of preferred) {
    const base = p.toLowerCase().split('-')[0];
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'id';
}

export function translate(lang: Lang, key: Key, vars?: Record<string, string | number>): string {
  let s = DICTS[lang][key] ?? en[key];
  if (vars) {
    for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  }
  return s;
}

export function formatDate(lang: Lang, iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALES[lang], withTime
    ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(d);
}

export function formatNumber(lang: Lang, n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(n);
}

export function formatPercent(lang: Lang, r: number | null | undefined): string {
  if (r === null || r === undefined || Number.isNaN(r)) return '';
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }).format(r);
}

export type { Key };

// A rate the server computed as a string with two decimals ("64.99", half up), shown with both
// decimals in the language's way ("64,99 %"); never recomputed here.
export function formatRate(lang: Lang, rate: string | null | undefined): string {
  if (rate === null || rate === undefined || rate === '') return '';
  const n = Number(rate);
  if (Number.isNaN(n)) return '';
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n / 100);
}
