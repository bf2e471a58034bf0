// The officer's inbox: the cases of my unit by tab (new, due soon, overdue, beyond level, all),
// with a category filter and a search box; keyboard moves (j/k, Enter, x) and bulk accept.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query, type Case, type CaseList } from '../api';
import { formatDate } from '../i18n';
import { navigate } from '../router';
import { language, session, useCategoryName, useStore, useT } from '../store';
import { CategoryFilter } from './CategoryPicker';
import { ErrorBox, Notice, Page, StatusBadge } from '../ui';

// Work tabs list by urgency: the deadline owed next, most overdue first (sort=due).
const TABS = [
  { id: 'new', label: 'inbox.new', params: { status: 'received', sort: 'due' } },
  { id: 'due', label: 'inbox.dueSoon', params: { due_soon: true, sort: 'due' } },
  { id: 'overdue', label: 'inbox.overdue', params: { overdue: true, sort: 'due' } },
  { id: 'beyond', label: 'inbox.beyond', params: { beyond_level: true } },
  { id: 'all', label: 'inbox.all', params: {} },
] as const;

// The deadline the unit owes next: acknowledging a received case, else resolving it.
function owedBy(c: Case): string {
  return c.status === 'received' ? c.due.acknowledge : c.due.resolve;
}
const EXCERPT_CHARS = 90;
function excerpt(c: Case): string {
  const text = (c.title || c.body || '').replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}

export default function Inbox() {
  const t = useT();
  const lang = useStore(language);
  const s = useStore(session);
  const catName = useCategoryName();
  const [tab, setTab] = useState<(typeof TABS)[number]['id']>('new');
  const [category, setCategory] = useState('');
  const [q, setQ] = useState('');
  const [cases, setCases] = useState<Case[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const rows = useRef<HTMLTableSectionElement>(null);

  // Only the latest request's answer counts (a slow answer for the previous tab must not win).
  const latest = useRef(0);
  const load = (after: string | null) => {
    const params = TABS.find((x) => x.id === tab)!.params;
    const mine = ++latest.current;
    api<CaseList>(`/api/v1/cases${query({ ...params, category, q: q.trim(), limit: 50, cursor: after })}`)
      .then((r) => {
        if (mine !== latest.current) return;
        setCases((old) => (after ? [...old, ...r.cases] : r.cases));
        setCursor(r.next_cursor);
        setError(null);
      })
      .catch(setError);
  };
  useEffect(() => {
    if (s === null) navigate('/signin');
    if (s) { setSelected(new Set()); load(null); }
  }, [tab, category, s]);

  const toggle = (code: string) => setSelected((old) => {
    const n = new Set(old);
    if (n.has(code)) n.delete(code); else n.add(code);
    return n;
  });
  const acceptSelected = async () => {
    let ok = 0;
    for (const code of selected) {
      try {
        await api<Case>(`/api/v1/cases/${code}/actions/accept`, { method: 'POST' });
        ok++;
      } catch (e) {
        setError(e);
      }
    }
    setNotice(t('inbox.accepted', { count: ok }));
    setSelected(new Set());
    load(null);
  };
  const onKey = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === 'INPUT' || (e.target as HTMLElement).tagName === 'SELECT') return;
    if (e.key === 'j') setFocus((f) => Math.min(f + 1, cases.length - 1));
    else if (e.key === 'k') setFocus((f) => Math.max(f - 1, 0));
    else if (e.key === 'x' && cases[focus]) toggle(cases[focus].code);
    else if (e.key === 'Enter' && cases[focus]) navigate(`/case/${cases[focus].code}`);
    else return;
    e.preventDefault();
  };
  useEffect(() => {
    rows.current?.querySelectorAll('a')[focus]?.focus();
  }, [focus]);
  if (!s) return <p role="status">{t('app.loading')}</p>;
  const acceptable = cases.filter((c) => c.status === 'received');
  return (
    <Page title={t('inbox.title', { unit: s.user.unit.name })}>
      <div role="tablist" class="tabs">
        {TABS.map((x) => (
          <button key={x.id} type="button" role="tab" aria-selected={tab === x.id} class={tab === x.id ? 'on' : ''}
            onClick={() => setTab(x.id)}>{t(x.label)}</button>
        ))}
      </div>
      <form class="form inline" role="search" onSubmit={(e) => { e.preventDefault(); load(null); }}>
        <label>{t('inbox.search')}
          <input name="q" type="search" maxLength={100} value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </label>
        <CategoryFilter value={category} onChange={setCategory} />
        <button type="submit">{t('track.go')}</button>
      </form>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorBox error={error} />
      <p class="help">{t('inbox.keys')}</p>
      {cases.length === 0 ? <p>{t('inbox.empty')}</p> : (
        <div onKeyDown={onKey}>
          <p>
            <button type="button" disabled={selected.size === 0} onClick={() => void acceptSelected()}>
              {t('inbox.acceptSelected', { count: selected.size })}
            </button>
          </p>
          <table class="list inbox">
            <thead>
              <tr>
                <th scope="col">
                  <input type="checkbox" aria-label={t('inbox.selectAll')} disabled={acceptable.length === 0}
                    checked={acceptable.length > 0 && acceptable.every((c) => selected.has(c.code))}
                    onChange={(e) => setSelected((e.target as HTMLInputElement).checked ? new Set(acceptable.map((c) => c.code)) : new Set())} />
                </th>
                <th scope="col">{t('inbox.code')}</th>
                <th scope="col">{t('inbox.category')}</th>
                <th scope="col">{t('inbox.place')}</th>
                <th scope="col">{t('inbox.status')}</th>
                <th scope="col">{t('inbox.due')}</th>
              </tr>
            </thead>
            <tbody ref={rows}>
              {cases.map((c, i) => (
                <tr key={c.code} class={i === focus ? 'focus' : ''}>
                  <td>
                    <input type="checkbox" aria-label={t('inbox.select', { code: c.code })}
                      disabled={c.status !== 'received'} checked={selected.has(c.code)} onChange={() => toggle(c.code)} />
                  </td>
                  <td class="main-cell">
                    <a href={`/case/${c.code}`} onFocus={() => setFocus(i)}>{c.code}</a>
                    {excerpt(c) ? <span class="excerpt">{excerpt(c)}</span> : null}
                  </td>
                  <td data-label={t('inbox.category')}>{catName(c.category)}{c.beyond_level ? ` · ${t('inbox.beyond')}` : ''}</td>
                  <td data-label={t('inbox.place')}>{c.unit?.name}</td>
                  <td data-label={t('inbox.status')}><StatusBadge status={c.status} overdue={c.overdue} /></td>
                  <td data-label={t('inbox.due')}>{formatDate(lang, owedBy(c))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor ? <button type="button" class="secondary" onClick={() => load(cursor)}>{t('inbox.more')}</button> : null}
    </Page>
  );
}
