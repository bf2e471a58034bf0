// The little global state the pages share: language, the signed-in user, categories, and
// whether we are online. Each piece is a value with subscribers; `useStore` re-renders on change.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, setCsrfToken, type Category, type SessionInfo } from './api';
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

export const session = new Value<SessionInfo | null | undefined>(undefined); // undefined: loading
export async function loadSession(): Promise<void> {
  try {
    const s = await api<SessionInfo>('/api/v1/session');
    setCsrfToken(s.csrf_token);
    session.set(s);
  } catch (e) {
    if (!(e instanceof ApiError)) {
      // offline: keep what we knew
      if (session.get() === undefined) session.set(null);
      return;
    }
    setCsrfToken('');
    session.set(null);
  }
}
export async function signIn(name: string, password: string): Promise<SessionInfo> {
  const s = await api<SessionInfo>('/api/v1/session', { method: 'POST', body: { name, password } });
  setCsrfToken(s.csrf_token);
  session.set(s);
  return s;
}
export async function signOut(): Promise<void> {
  try {
    await api<void>('/api/v1/session', { method: 'DELETE' });
  } finally {
    setCsrfToken('');
    session.set(null);
  }
}

export const categories = new Value<Category[]>([]);
export async function loadCategories(): Promise<void> {
  if (categories.get().length) return;
  try {
    const r = await api<{ categories: Category[] }>('/api/v1/categories');
    categories.set(r.categories);
  } catch {
    // offline without a cached copy: the forms show an empty list until we are back
  }
}

export const online = new Value<boolean>(typeof navigator === 'undefined' ? true : navigator.onLine);
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => online.set(true));
  window.addEventListener('offline', () => online.set(false));
}

// A category's name in the chosen language (the code until the list has loaded).
export function useCategoryName(): (code: string) => string {
  const lang = useStore(language);
  const list = useStore(categories);
  useEffect(() => { void loadCategories(); }, []);
  return (code) => list.find((c) => c.code === code)?.names[lang] ?? code;
}
