// Dates typed in the app's language rather than the browser's: the date fields are a day, a
// month chosen by its name (Intl, in the app language) and a year, joined as YYYY-MM-DD.

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // month 1..12; day 0 = last of previous
}

export function splitDate(value: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return { year: new Date().getFullYear(), month: 1, day: 1 };
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

// A day past the month's end becomes its last day (31 February → 28 or 29 February).
export function joinDate(year: number, month: number, day: number): string {
  const y = Math.min(9999, Math.max(1, Math.trunc(year) || 1));
  const mo = Math.min(12, Math.max(1, Math.trunc(month) || 1));
  const d = Math.min(daysInMonth(y, mo), Math.max(1, Math.trunc(day) || 1));
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function monthNames(lang: string): string[] {
  const f = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2026, i, 1))));
}

// The province's calendar day (YYYY-MM-DD) `days` from `now`, for a zone `offsetMinutes` east
// of UTC. The server reads a period's dates in the province's calendar, so a browser whose
// clock is in another zone (or whose UTC date has not turned yet at 06:00 in Jakarta) must
// not take its own date for "today".
export function provinceDay(offsetMinutes: number, now: number = Date.now(), days = 0): string {
  return new Date(now + offsetMinutes * 60000 + days * 86400000).toISOString().slice(0, 10);
}
