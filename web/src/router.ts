// Paths to pages, with the History API. Links are ordinary <a href> elements; clicks on them
// are caught once at the document so the page changes without a reload.
import { Value, useStore } from './store';

export const path = new Value<string>(typeof location === 'undefined' ? '/' : location.pathname);

export function navigate(to: string): void {
  if (to === location.pathname + location.search) return;
  history.pushState(null, '', to);
  path.set(location.pathname);
  window.scrollTo(0, 0);
}

export function useRoute(): string {
  return useStore(path);
}

// "/track/{code}" against "/track/ABC" → ["ABC"]; null when it does not match.
export function match(pattern: string, p: string): string[] | null {
  const a = pattern.split('/').filter(Boolean);
  const b = p.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith('{')) out.push(decodeURIComponent(b[i]));
    else if (a[i] !== b[i]) return null;
  }
  return out;
}

export function installLinkHandler(): void {
  window.addEventListener('popstate', () => path.set(location.pathname));
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    const a = (e.target as Element).closest('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const href = a.getAttribute('href');
    if (!href || !href.startsWith('/') || href.startsWith('/api/')) return;
    e.preventDefault();
    navigate(href);
  });
}
