// The little global state the pages share: language, the signed-in user, categories, and
// whether we are online. Each piece is a value with subscribers; `useStore` re-renders on change.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, query, setCsrfToken, type Category, type SessionInfo, type Unit } from './api';
import { pickLanguage, translate, type Key, type Lang } from './i18n';

export class Value<T> {
  private subs = new Set<(v: T) => void>();
  constructor(private v: T) {}
  get(): T {
    return this.v;
  }
  set(v: T): void {
    this.v = v;
    for (const s of this.subs) s(v);
  }
  subscribe(fn: (v: T) => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }
}

export function useStore<T>(value: Value<T>): T {
  const [v, setV] = useState(value.get());
  useEffect(() => {
    const unsubscribe = value.subscribe(setV);
    setV(value.get()); // a change between the render and this effect would be missed otherwise
    return unsubscribe;
  }, [value]);
  return v;
}

const storage = typeof localStorage === 'undefined' ? null : localStorage;
export const language = new Value<Lang>(
  pickLanguage(typeof navigator === 'undefined' ? [] : navigator.languages ?? [], storage?.getItem('lang') ?? null),
);
language.subscribe((l) => {
  storage?.setItem('lang', l);
  if (typeof document !== 'undefined') document.documentElement.lang = l;
});

export function useT(): (key: Key, vars?: Record<string, string | number>) => string {
  const lang = useStore(language);
  return (key, vars) => translate(lang, key, vars);
}

// What a member needs to work without a connection is kept in localStorage from the moment
// they sign in: who they are (never the CSRF token), the categories and their villages. A page
// opened or reloaded offline starts from it; the server is asked again when the link returns.
const SESSION_KEY = 'jb.session';
const CATEGORIES_KEY = 'jb.categories';
const VILLAGES_KEY = 'jb.villages:';
export const SLIPS_KEY = 'jb.slips';
// What an officer's roster needs offline (docs/web.md): a campaign, a village's people (code and
// name only). Forgotten at sign-out with the rest.
export const CAMPAIGN_KEY = 'jb.campaign:';
export const PEOPLE_KEY = 'jb.people:';

export function readJson<T>(key: string): T | null {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
export function writeJson(key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the app still works online
  }
}
function forgetUser(): void {
  for (const k of Object.keys(storage ?? {})) {
    if (k === SESSION_KEY || k === SLIPS_KEY || [VILLAGES_KEY, CAMPAIGN_KEY, PEOPLE_KEY].some((p) => k.startsWith(p))) {
      storage?.removeItem(k);
    }
  }
}

export const session = new Value<SessionInfo | null | undefined>(undefined); // undefined: loading
function keepSession(s: SessionInfo): void {
  setCsrfToken(s.csrf_token);
  session.set(s);
  writeJson(SESSION_KEY, { ...s, csrf_token: '' });
}
export async function loadSession(): Promise<void> {
  const known = readJson<SessionInfo>(SESSION_KEY);
  // Nobody signed in on this device: no request (and no 401 in the console of public pages).
  if (!known) {
    session.set(null);
    return;
  }
  try {
    keepSession(await api<SessionInfo>('/api/v1/session'));
  } catch (e) {
    if (!(e instanceof ApiError)) {
      // offline: work as the one who signed in; writes wait in the outbox until we are back
      if (!session.get()) session.set(known);
      return;
    }
    setCsrfToken('');
    storage?.removeItem(SESSION_KEY);
    session.set(null);
  }
}
// Fetches and keeps what the member form needs offline. Best effort: a failure leaves the copy.
export async function prepareOffline(s: SessionInfo): Promise<void> {
  await Promise.all([loadCategories(true), loadVillages(s.user.unit.code).catch(() => undefined)]);
}
export async function signIn(name: string, password: string): Promise<SessionInfo> {
  const s = await api<SessionInfo>('/api/v1/session', { method: 'POST', body: { name, password } });
  keepSession(s);
  await prepareOffline(s);
  return s;
}
export async function signOut(): Promise<void> {
  try {
    await api<void>('/api/v1/session', { method: 'DELETE' });
  } finally {
    setCsrfToken('');
    forgetUser();
    session.set(null);
  }
}

// The villages under a unit (a member's commune), kept for offline use.
export function cachedVillages(unit: string): Unit[] {
  return readJson<Unit[]>(VILLAGES_KEY + unit) ?? [];
}
export async function loadVillages(unit: string): Promise<Unit[]> {
  const r = await api<{ units: Unit[] }>(`/api/v1/units${query({ parent: unit })}`);
  const villages = r.units.filter((u) => u.level === 'village');
  writeJson(VILLAGES_KEY + unit, villages);
  return villages;
}

export const categories = new Value<Category[]>(readJson<Category[]>(CATEGORIES_KEY) ?? []);
export async function loadCategories(refresh = false): Promise<void> {
  if (categories.get().length && !refresh) return;
  try {
    const r = await api<{ categories: Category[] }>('/api/v1/categories');
    categories.set(r.categories);
    writeJson(CATEGORIES_KEY, r.categories);
  } catch {
    // offline: the kept copy stays (empty only if never loaded on this device)
  }
}

export const online = new Value<boolean>(typeof navigator === 'undefined' ? true : navigator.onLine);
if (typeof window !== 'undefined') {
  // Back online: ask the server who we are (a session may have ended meanwhile), then the pages
  // waiting on `online` send what waits.
  window.addEventListener('online', () => void loadSession().finally(() => online.set(true)));
  window.addEventListener('offline', () => online.set(false));
}

// A category's name in the chosen language (the code until the list has loaded).
export function useCategoryName(): (code: string) => string {
  const lang = useStore(language);
  const list = useStore(categories);
  useEffect(() => { void loadCategories(); }, []);
  return (code) => list.find((c) => c.code === code)?.names[lang] ?? code;
}

// Every village and commune, for the report form's place search without a connection. Fetched
// once a day when online (about 15 kB over the wire), kept in localStorage.
// Version 2 carries the centres (lat, lon) for the pin picker and the maps.
export interface Place { code: string; name: string; level: string; commune: string | null; lat?: number; lon?: number }
const PLACES_KEY = 'jb.places.v2';
const PLACES_MAX_AGE_MS = 24 * 3600 * 1000;
export function cachedPlaces(): Place[] {
  return readJson<{ at: number; places: Place[] }>(PLACES_KEY)?.places ?? [];
}
// The kept places, and again once loadPlaces has refreshed them (a page that draws centres).
export function usePlaces(): Place[] {
  const [places, setPlaces] = useState(cachedPlaces);
  useEffect(() => { void loadPlaces().then(() => setPlaces(cachedPlaces())); }, []);
  return places;
}
export async function loadPlaces(now = Date.now()): Promise<void> {
  const kept = readJson<{ at: number; places: Place[] }>(PLACES_KEY);
  if (kept && now - kept.at < PLACES_MAX_AGE_MS) return;
  try {
    const r = await api<{ places: Place[] }>('/api/v1/places');
    writeJson(PLACES_KEY, { at: now, places: r.places });
  } catch {
    // offline: the kept copy (if any) stays
  }
}

// The map tile URL and the province's time zone from /api/v1/config (empty URL: the maps draw a
// labelled graticule), kept so a map or a period opened offline knows them. Asked once per
// page load; until it answers, the zone is the browser's own.
const CONFIG_KEY = 'jb.config';
interface Config { tile_url: string; time_zone_offset_minutes?: number }
const keptConfig = readJson<Config>(CONFIG_KEY);
export const tileUrl = new Value<string>(keptConfig?.tile_url ?? '');
export const zoneOffset = new Value<number>(keptConfig?.time_zone_offset_minutes ?? -new Date().getTimezoneOffset());
let configAsked: Promise<void> | null = null;
export function loadConfig(): Promise<void> {
  configAsked ??= api<Config>('/api/v1/config').then((c) => {
    writeJson(CONFIG_KEY, { tile_url: c.tile_url, time_zone_offset_minutes: c.time_zone_offset_minutes });
    tileUrl.set(c.tile_url);
    if (typeof c.time_zone_offset_minutes === 'number') zoneOffset.set(c.time_zone_offset_minutes);
  }).catch(() => {
    configAsked = null; // offline: the kept values stay, ask again next time
  });
  return configAsked;
}
