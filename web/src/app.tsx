// The frame of every page (header, navigation, language switch) and the path → page table.
// Staff pages are loaded on demand, so residents download only the public pages.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LANG_NAMES, LANGS, type Lang } from './i18n';
import { Board } from './pages/Board';
import { Home } from './pages/Home';
// In the main bundle: a member must be able to open it offline without fetching a chunk.
import Member from './pages/Member';
import { Report } from './pages/Report';
import { SignIn } from './pages/SignIn';
import { Track } from './pages/Track';
import { match, navigate, useRoute } from './router';
import { language, online, session, signOut, useStore, useT } from './store';

type Loader = () => Promise<{ default: ComponentType<{ params: string[] }> }>;
function lazy(load: Loader): ComponentType<{ params: string[] }> {
  let loaded: ComponentType<{ params: string[] }> | null = null;
  return function Lazy(props) {
    const t = useT();
    const [C, setC] = useState(() => loaded);
    useEffect(() => {
      if (!loaded) void load().then((m) => { loaded = m.default; setC(() => m.default); });
    }, []);
    return C ? <C {...props} /> : <p role="status">{t('app.loading')}</p>;
  };
}
const Inbox = lazy(() => import('./pages/Inbox'));
const CasePage = lazy(() => import('./pages/CasePage'));
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Indicators = lazy(() => import('./pages/Indicators'));
const Registry = lazy(() => import('./pages/Registry'));
const Roster = lazy(() => import('./pages/Roster'));

const ROUTES: [string, ComponentType<{ params: string[] }>][] = [
  ['/', Home],
  ['/report', Report],
  ['/track', Track],
  ['/track/{code}', Track],
  ['/board', Board],
  ['/board/{unit}', Board],
  ['/signin', SignIn],
  ['/inbox', Inbox],
  ['/case/{code}', CasePage],
  ['/member', Member],
  ['/dashboard', Dashboard],
  ['/indicators', Indicators],
  ['/registry', Registry],
  ['/campaigns', Roster],
  ['/campaigns/{code}', Roster],
];

function Nav() {
  const t = useT();
  const s = useStore(session);
  const role = s?.user.role;
  return (
    <nav aria-label={t('nav.main')}>
      <ul>
        <li><a href="/report">{t('nav.report')}</a></li>
        <li><a href="/track">{t('nav.track')}</a></li>
        <li><a href="/board">{t('nav.board')}</a></li>
        {role && role !== 'member' ? <li><a href="/inbox">{t('nav.inbox')}</a></li> : null}
        {role === 'member' ? <li><a href="/member">{t('nav.member')}</a></li> : null}
        {role && role !== 'member' ? <li><a href="/registry">{t('nav.registry')}</a></li> : null}
        {role && role !== 'member' ? <li><a href="/campaigns">{t('nav.campaigns')}</a></li> : null}
        {role === 'supervisor' || role === 'admin' ? <li><a href="/dashboard">{t('nav.dashboard')}</a></li> : null}
        {role === 'supervisor' || role === 'admin' ? <li><a href="/indicators">{t('nav.indicators')}</a></li> : null}
        {s ? (
          <li>
            <button type="button" class="link" onClick={() => void signOut().then(() => navigate('/'))}>
              {t('nav.signout')} ({s.user.name})
            </button>
          </li>
        ) : (
          <li><a href="/signin">{t('nav.signin')}</a></li>
        )}
      </ul>
    </nav>
  );
}

export function App() {
  const t = useT();
  const p = useRoute();
  const lang = useStore(language);
  const isOnline = useStore(online);
  let page = <p>{t('app.notFound')}</p>;
  for (const [pattern, C] of ROUTES) {
    const params = match(pattern, p);
    if (params) {
      page = <C params={params} />;
      break;
    }
  }
  return (
    <>
      <a class="skip" href="#main">{t('app.skip')}</a>
      <header>
        <a class="brand" href="/">{t('app.name')}</a>
        <span class="tagline">{t('app.tagline')}</span>
        <label class="lang">
          {t('app.language')}{' '}
          <select value={lang} onChange={(e) => language.set((e.target as HTMLSelectElement).value as Lang)}>
            {LANGS.map((l) => <option key={l} value={l}>{LANG_NAMES[l]}</option>)}
          </select>
        </label>
        <Nav />
      </header>
      {!isOnline ? <p class="offline" role="status">{t('app.offline')}</p> : null}
      <main id="main">{page}</main>
    </>
  );
}
