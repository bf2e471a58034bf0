// Finding a village by what people type, on the phone: case, diacritics (đ = d) and extra
// spaces do not matter, as on the server (core/common/text_fold.h). Used when the server cannot be
// reached; the server's search is the same rule.
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

// Whether every word typed (folded) is found in one of `fields` (folded): the rule of every
// name search in the app (places, units to transfer to, the board's communes).
export function matchesWords(query: string, ...fields: string[]): boolean {
  const words = fold(query).split(' ').filter(Boolean);
  const hay = fields.map(fold).join(' ');
  return words.every((w) => hay.includes(w));
}

export interface Searchable { code: string; name: string; commune: string | null }

// Places whose name (or "name commune", or code) contains every typed word; names that start
// with the query first, then shorter names. At most `limit`.
export function searchPlaces<T extends Searchable>(places: T[], query: string, limit = 20): T[] {
  const first = fold(query).split(' ').find(Boolean);
  if (!first) return [];
  const scored: { p: T; rank: number }[] = [];
  for (const p of places) {
    if (!matchesWords(query, p.name, p.commune ?? '', p.code)) continue;
    scored.push({ p, rank: (fold(p.name).startsWith(first) ? 0 : 1000) + p.name.length });
  }
  scored.sort((a, b) => a.rank - b.rank || a.p.name.localeCompare(b.p.name));
  return scored.slice(0, limit).map((s) => s.p);
}
