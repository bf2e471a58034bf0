// A commune's public board: its on-time rate and its public reports, for community
// supervision. Never any reporter's identity (the public views do not carry it).
import { useEffect, useState } from 'preact/hooks';
import { api, query, type Case, type CaseList, type Summary, type Unit } from '../api';
import { formatDate, formatNumber, formatPercent } from '../i18n';
import { navigate } from '../router';
import { language, useCategoryName, useStore, useT } from '../store';
import { ErrorBox, Page, StatusBadge } from '../ui';

export function Board(props: { params: string[] }) {
  const t = useT();
  const [communes, setCommunes] = useState<Unit[]>([]);
  const unit = props.params[0] ?? '';
  useEffect(() => {
    api<{ units: Unit[] }>('/api/v1/units')
      .then((r) => setCommunes(r.units.filter((u) => u.level === 'commune')))
      .catch(() => undefined);
  }, []);
  return (
    <Page title={t('board.title')}>
      <label>
        {t('board.pick')}{' '}
        <select name="commune" value={unit} onChange={(e) => navigate(`/board/${(e.target as HTMLSelectElement).value}`)}>
          <option value="">—</option>
          {communes.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
        </select>
      </label>
      {unit ? <CommuneBoard key={unit} unit={unit} /> : null}
    </Page>
  );
}

function CommuneBoard(props: { unit: string }) {
  const t = useT();
  const catName = useCategoryName();
  const lang = useStore(language);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [cases, setCases] = useState<Case[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const more = (after: string | null) => {
    api<CaseList>(`/api/v1/cases${query({ unit: props.unit, limit: 20, cursor: after })}`)
      .then((r) => { setCases((old) => (after ? [...old, ...r.cases] : r.cases)); setCursor(r.next_cursor); })
      .catch(setError);
  };
  useEffect(() => {
    api<Summary>(`/api/v1/stats/summary${query({ unit: props.unit })}`).then(setSummary).catch(setError);
    more(null);
  }, [props.unit]);
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
      <h2>{t('board.cases')}</h2>
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
