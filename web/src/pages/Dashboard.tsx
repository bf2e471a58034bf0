// The supervisor's dashboard for a unit and period: figures, received vs resolved per week,
// top categories, communes ranked by overdue and by reopen rate, beyond-level cases, and a map.
// Every table can be downloaded as CSV.
import { useEffect, useState } from 'preact/hooks';
import { api, query, type Case, type CaseList, type Summary, type Unit } from '../api';
import { formatDate, formatNumber, formatPercent } from '../i18n';
import { navigate } from '../router';
import { provinceDay } from '../dates';
import { language, loadConfig, session, tileUrl, useCategoryName, useStore, useT, zoneOffset } from '../store';
import { CsvButton, DateInput, ErrorBox, Page } from '../ui';
import { CaseMap } from './CaseMap';

interface Point { from: string; to: string; received: number; resolved: number }

// Received and resolved per week: bars with a value axis (0, half, the maximum), the first,
// middle and last week under them, the numbers on each bar, and a legend.
function Chart(props: { points: Point[] }) {
  const t = useT();
  const lang = useStore(language);
  const max = Math.max(1, ...props.points.map((p) => Math.max(p.received, p.resolved)));
  const left = 40;
  const w = 640;
  const h = 160;
  const top = 14;
  const n = Math.max(1, props.points.length);
  const bw = (w - left) / n;
  const y = (v: number) => top + h - (v / max) * h;
  const ticks = [0, Math.round(max / 2), max];
  const labelled = new Set([0, Math.floor((n - 1) / 2), n - 1]);
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h + top + 34}`} role="img" aria-label={t('dash.overTime')} class="chart">
        {ticks.map((v) => (
          <g key={`t${v}`}>
            <line x1={left} y1={y(v)} x2={w} y2={y(v)} class="grid" />
            <text x={left - 6} y={y(v) + 4} text-anchor="end" class="tick">{formatNumber(lang, v)}</text>
          </g>
        ))}
        {props.points.map((p, i) => (
          <g key={p.from}>
            <title>{`${t('dash.week', { date: formatDate(lang, p.from) })}: ${t('dash.received')} ${p.received}, ${t('dash.resolved')} ${p.resolved}`}</title>
            <rect x={left + i * bw + 2} y={y(p.received)} width={bw / 2 - 2} height={(p.received / max) * h} class="bar-received" />
            <rect x={left + i * bw + bw / 2} y={y(p.resolved)} width={bw / 2 - 2} height={(p.resolved / max) * h} class="bar-resolved" />
            {n <= 16 ? <text x={left + i * bw + bw / 4} y={y(p.received) - 2} text-anchor="middle" class="value">{p.received}</text> : null}
            {labelled.has(i) ? <text x={left + i * bw + bw / 2} y={top + h + 16} text-anchor="middle" class="tick">{formatDate(lang, p.from)}</text> : null}
          </g>
        ))}
        <line x1={left} y1={top + h} x2={w} y2={top + h} class="axis" />
        <line x1={left} y1={top} x2={left} y2={top + h} class="axis" />
      </svg>
      <figcaption>
        <span class="key-received" aria-hidden="true">■</span> {t('dash.received')}{' '}
        <span class="key-resolved" aria-hidden="true">■</span> {t('dash.resolved')}
        <span class="help"> · {t('dash.chartHelp')}</span>
      </figcaption>
    </figure>
  );
}

export default function Dashboard() {
  const t = useT();
  const lang = useStore(language);
  const s = useStore(session);
  const catName = useCategoryName();
  const [unit, setUnit] = useState('');
  // The last twelve weeks up to today, in the province's calendar (the server's reading of a date).
  const [from, setFrom] = useState(provinceDay(zoneOffset.get(), Date.now(), -83));
  const [to, setTo] = useState(provinceDay(zoneOffset.get()));
  const [units, setUnits] = useState<Unit[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [points, setPoints] = useState<Point[]>([]);
  const [children, setChildren] = useState<Summary[]>([]);
  const [beyond, setBeyond] = useState<Case[]>([]);
  const [error, setError] = useState<unknown>(null);
  const tiles = useStore(tileUrl);

  const load = (period = { from, to }) => {
    setError(null);
    Promise.all([
      api<Summary>(`/api/v1/stats/summary${query({ unit, ...period })}`),
      api<{ points: Point[] }>(`/api/v1/stats/series${query({ unit, ...period, bucket: 'week' })}`),
      api<{ units: Summary[] }>(`/api/v1/stats/units${query({ parent: unit, ...period })}`),
      api<CaseList>(`/api/v1/cases${query({ unit, beyond_level: true, created_from: period.from, created_to: period.to, limit: 50 })}`),
    ]).then(([sum, series, kids, b]) => {
      setSummary(sum);
      setPoints(series.points);
      setChildren(kids.units);
      setBeyond(b.cases);
    }).catch(setError);
  };
  useEffect(() => {
    if (s === null) { navigate('/signin'); return; }
    if (!s) return;
    api<{ units: Unit[] }>('/api/v1/units').then((r) => setUnits(r.units)).catch(() => undefined);
    // The first period waits for the province's zone, so "today" is the province's today.
    void loadConfig().then(() => {
      const period = { from: provinceDay(zoneOffset.get(), Date.now(), -83), to: provinceDay(zoneOffset.get()) };
      setFrom(period.from);
      setTo(period.to);
      load(period);
    });
  }, [s]);

  if (!s) return <p role="status">{t('app.loading')}</p>;
  const pct = (r: number | null) => (r === null ? t('dash.none') : formatPercent(lang, r));
  const num = (n: number | null, d = 0) => (n === null ? t('dash.none') : formatNumber(lang, n, d));
  const communes = children.filter((c) => c.unit_info?.level === 'commune' || c.unit_info?.level === 'village');
  const reopenRate = (c: Summary) => (c.resolved ? c.reopened / c.resolved : 0);
  const byOverdue = [...communes].sort((a, b) => b.overdue_now - a.overdue_now).slice(0, 15);
  const byReopen = [...communes].sort((a, b) => reopenRate(b) - reopenRate(a)).slice(0, 15);
  const topCats = Object.entries(summary?.by_category ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 8);
  // [label, shown value, raw value for the CSV (numbers as numbers), what it means]
  const figures: [string, string, number | string, string][] = summary ? [
    [t('dash.received'), num(summary.received), summary.received, t('help.received')],
    [t('dash.resolved'), num(summary.resolved), summary.resolved, t('help.resolved')],
    [t('dash.onTime'), pct(summary.on_time_rate), summary.on_time_rate ?? '', t('help.onTime')],
    [t('dash.median'), num(summary.median_working_days_to_resolve, 1), summary.median_working_days_to_resolve ?? '', t('help.median')],
    [t('dash.overdue'), num(summary.overdue_now), summary.overdue_now, t('help.overdue')],
    [t('dash.beyond'), num(summary.beyond_level), summary.beyond_level, t('help.beyond')],
    [t('dash.reopened'), num(summary.reopened), summary.reopened, t('help.reopened')],
    [t('dash.satisfaction'), pct(summary.satisfaction), summary.satisfaction ?? '', t('help.satisfaction')],
  ] : [];
  return (
    <Page title={t('dash.title')}>
      <form class="form inline" onSubmit={(e) => { e.preventDefault(); load({ from, to }); }}>
        <label>{t('dash.unit')}
          <select name="unit" value={unit} onChange={(e) => setUnit((e.target as HTMLSelectElement).value)}>
            <option value="">{s.user.unit.name}</option>
            {units.map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
          </select>
        </label>
        <DateInput name="from" label={t('dash.from')} value={from} onChange={setFrom} />
        <DateInput name="to" label={t('dash.to')} value={to} onChange={setTo} />
        <button type="submit">{t('dash.show')}</button>
      </form>
      <ErrorBox error={error} />
      <dl class="figures" data-testid="figures">
        {figures.map(([k, v, , help]) => <div key={k}><dt>{k}</dt><dd>{v}</dd><dd class="help">{help}</dd></div>)}
      </dl>
      {figures.length ? <CsvButton name="summary.csv" header={['figure', 'value']} rows={figures.map(([k, , raw]) => [k, raw])} /> : null}

      <h2>{t('dash.overTime')}</h2>
      <Chart points={points} />
      <CsvButton name="series.csv" header={['from', 'to', 'received', 'resolved']} rows={points.map((p) => [p.from, p.to, p.received, p.resolved])} />

      <h2>{t('dash.topCategories')}</h2>
      <table class="list">
        <thead><tr><th scope="col">{t('inbox.category')}</th><th scope="col">{t('dash.cases')}</th></tr></thead>
        <tbody>{topCats.map(([code, n]) => <tr key={code}><td>{catName(code)}</td><td data-label={t('dash.cases')}>{formatNumber(lang, n)}</td></tr>)}</tbody>
      </table>
      <CsvButton name="categories.csv" header={['category', 'cases']} rows={topCats.map(([c, n]) => [c, n])} />

      <h2>{t('dash.byOverdue')}</h2>
      <table class="list" data-testid="by-overdue">
        <thead><tr><th scope="col">{t('dash.unit')}</th><th scope="col">{t('dash.overdue')}</th><th scope="col">{t('dash.received')}</th><th scope="col">{t('dash.onTime')}</th></tr></thead>
        <tbody>{byOverdue.map((c) => <tr key={c.unit}><td>{c.unit_info?.name}</td><td data-label={t('dash.overdue')}>{num(c.overdue_now)}</td><td data-label={t('dash.received')}>{num(c.received)}</td><td data-label={t('dash.onTime')}>{pct(c.on_time_rate)}</td></tr>)}</tbody>
      </table>
      <CsvButton name="units-overdue.csv" header={['unit', 'name', 'overdue_now', 'received', 'resolved', 'on_time_rate']}
        rows={byOverdue.map((c) => [c.unit, c.unit_info?.name ?? '', c.overdue_now, c.received, c.resolved, c.on_time_rate ?? ''])} />

      <h2>{t('dash.byReopen')}</h2>
      <table class="list">
        <thead><tr><th scope="col">{t('dash.unit')}</th><th scope="col">{t('dash.reopenRate')}</th><th scope="col">{t('dash.reopened')}</th><th scope="col">{t('dash.resolved')}</th></tr></thead>
        <tbody>{byReopen.map((c) => <tr key={c.unit}><td>{c.unit_info?.name}</td><td data-label={t('dash.reopenRate')}>{pct(reopenRate(c))}</td><td data-label={t('dash.reopened')}>{num(c.reopened)}</td><td data-label={t('dash.resolved')}>{num(c.resolved)}</td></tr>)}</tbody>
      </table>
      <CsvButton name="units-reopen.csv" header={['unit', 'name', 'reopen_rate', 'reopened', 'resolved']}
        rows={byReopen.map((c) => [c.unit, c.unit_info?.name ?? '', reopenRate(c), c.reopened, c.resolved])} />

      <h2>{t('dash.beyondCases')}</h2>
      <table class="list">
        <thead><tr><th scope="col">{t('inbox.code')}</th><th scope="col">{t('inbox.category')}</th><th scope="col">{t('inbox.place')}</th><th scope="col">{t('track.filed')}</th></tr></thead>
        <tbody>{beyond.map((c) => <tr key={c.code}><td><a href={`/case/${c.code}`}>{c.code}</a></td><td data-label={t('inbox.category')}>{catName(c.category)}</td><td data-label={t('inbox.place')}>{c.unit?.name}</td><td data-label={t('track.filed')}>{formatDate(lang, c.created_at)}</td></tr>)}</tbody>
      </table>
      <CsvButton name="beyond-level.csv" header={['code', 'category', 'unit', 'created_at', 'status']}
        rows={beyond.map((c) => [c.code, c.category, c.unit?.code ?? '', c.created_at, c.status])} />

      <h2>{t('dash.map')}</h2>
      {tiles ? null : <p class="help">{t('dash.mapNoTiles')}</p>}
      <CaseMap units={communes} />
    </Page>
  );
}
