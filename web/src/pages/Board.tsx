// A commune's public board: its on-time rate and its public reports, for community
// supervision. Never any reporter's identity (the public views do not carry it).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query, type Case, type CaseList, type Summary, type Unit } from '../api';
import { formatDate, formatNumber, formatPercent, type Key } from '../i18n';
import { navigate } from '../router';
import { matchesWords } from '../place_search';
import { CategoryFilter } from './CategoryPicker';
import { placeCentre } from '../map_points';
import { language, useCategoryName, usePlaces, useStore, useT } from '../store';
import { PointsMap } from './LazyMaps';
import { Awardees, CommuneFigures } from './BoardFigures';
import { ErrorBox, Page, StatusBadge } from '../ui';

const STATUSES = ['received', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected'] as const;

// Communes sorted by name with a search box; a commune merged away in 2025 is listed under its
// old name, named in the reader's language, and leads to the commune it became.
export function Board(props: { params: string[] }) {
  const t = useT();
  const [units, setUnits] = useState<Unit[]>([]);
  const [q, setQ] = useState('');
  const unit = props.params[0] ?? '';
  useEffect(() => {
    api<{ units: Unit[] }>('/api/v1/units').then((r) => setUnits(r.units)).catch(() => undefined);
  }, []);
  const communes = units.filter((u) => u.level === 'commune').sort((a, b) => a.name.localeCompare(b.name));
  const live = communes.filter((c) => c.live !== false);
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const matches = (c: Unit) => matchesWords(q, c.name, c.code);
  const shown = live.filter(matches);
  const merged = communes.filter((c) => c.live === false && c.merged_into && matches(c));
  return (
    <Page title={t('board.title')}>
      <div class="form inline">
        <label>{t('board.search')}
          <input name="commune-search" type="search" autoComplete="off" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('board.pick')}{' '}
          <select name="commune" value={unit} onChange={(e) => navigate(`/board/${(e.target as HTMLSelectElement).value}`)}>
            <option value="">—</option>
            {shown.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            {merged.length ? (
              <optgroup label={t('board.mergedGroup')}>
                {merged.map((c) => {
                  const into = byCode.get(c.merged_into ?? '');
                  return <option key={c.code} value={into?.code ?? c.code}>{t('board.mergedInto', { old: c.name, now: into?.name ?? '' })}</option>;
                })}
              </optgroup>
            ) : null}
          </select>
        </label>
      </div>
      {unit ? <CommuneBoard key={unit} unit={unit} units={units} /> : <Awardees />}
    </Page>
  );
}

function CommuneBoard(props: { unit: string; units: Unit[] }) {
  const t = useT();
  const catName = useCategoryName();
  const lang = useStore(language);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [cases, setCases] = useState<Case[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  // Only the answer to the latest request counts: a slow answer for the previous filter must
  // not replace the list of the new one.
  const latest = useRef(0);
  const more = (after: string | null) => {
    const mine = ++latest.current;
    api<CaseList>(`/api/v1/cases${query({ unit: props.unit, status, category, limit: 20, cursor: after })}`)
      .then((r) => {
        if (mine !== latest.current) return;
        setCases((old) => (after ? [...old, ...r.cases] : r.cases));
        setCursor(r.next_cursor);
      })
      .catch(setError);
  };
  useEffect(() => {
    api<Summary>(`/api/v1/stats/summary${query({ unit: props.unit })}`).then(setSummary).catch(setError);
  }, [props.unit]);
  useEffect(() => { more(null); }, [props.unit, status, category]);
  return (
    <div>
      <ErrorBox error={error} />
      {summary ? (
        <dl class="figures">
          <div><dt>{t('board.onTime')}</dt><dd data-testid="on-time">{summary.on_time_rate === null ? t('dash.none') : formatPercent(lang, summary.on_time_rate)}</dd></div>
          <div><dt>{t('board.median')}</dt><dd>{summary.median_working_days_to_resolve === null ? t('dash.none') : formatNumber(lang, summary.median_working_days_to_resolve, 1)}</dd></div>
          <div><dt>{t('board.received')}</dt><dd>{formatNumber(lang, summary.received)}</dd></div>
          <div><dt>{t('board.overdue')}</dt><dd>{formatNumber(lang, summary.overdue_now)}</dd></div>
        </dl>
      ) : null}
      <CommuneFigures unit={props.unit} />
      <Awardees commune={props.unit} units={props.units} />
      <h2>{t('board.cases')}</h2>
      <div class="form inline" role="search">
        <label>{t('inbox.status')}
          <select name="status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            <option value="">{t('board.anyStatus')}</option>
            {STATUSES.map((st) => <option key={st} value={st}>{t(`status.${st}` as Key)}</option>)}
          </select>
        </label>
        <CategoryFilter value={category} onChange={setCategory} />
      </div>
      {cases.length ? <BoardMap cases={cases.filter((c) => c.visibility === 'public')} /> : null}
      {cases.length === 0 ? <p>{t('board.none')}</p> : (
        <ul class="cases">
          {cases.filter((c) => c.visibility === 'public').map((c) => (
            <li key={c.code}>
              <a href={`/track/${c.code}`}>{c.code}</a> <StatusBadge status={c.status} overdue={c.overdue} />{' '}
              <span class="muted">{catName(c.category)} · {c.unit?.name} · {formatDate(lang, c.created_at)}</span>
              {c.body ? <p>{c.body}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {cursor ? <button type="button" class="secondary" onClick={() => more(cursor)}>{t('board.more')}</button> : null}
    </div>
  );
}

// The listed reports on a map: each on its pin, or on its village centre (reports sharing a
// spot share a dot, named by their codes).
function BoardMap(props: { cases: Case[] }) {
  const t = useT();
  const places = usePlaces();
  const spots = new Map<string, { lat: number; lon: number; codes: string[] }>();
  for (const c of props.cases) {
    const at = c.location ?? (c.unit ? placeCentre(c.unit.code, places) : null);
    if (!at) continue;
    const key = `${at.lat.toFixed(5)},${at.lon.toFixed(5)}`;
    const spot = spots.get(key) ?? { lat: at.lat, lon: at.lon, codes: [] };
    spot.codes.push(c.code);
    spots.set(key, spot);
  }
  if (spots.size === 0) return null;
  return (
    <section aria-labelledby="board-map-h">
      <h3 id="board-map-h">{t('board.map')}</h3>
      <p class="help">{t('board.mapHelp')}</p>
      <PointsMap points={[...spots.values()].map((s) => ({ lat: s.lat, lon: s.lon, name: s.codes.join(', ') }))} label={t('board.map')} zoomForOne={14} />
    </section>
  );
}
