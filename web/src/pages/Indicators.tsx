// The supervisors' indicators of the people who mobilize (issue 16), for a unit: "two shoulders"
// with its trend, its communes on a map coloured by rate and the villages without it; people and
// workdays mobilized by campaign, kind and organization; the core groups' reflections; the award
// cycles with their awardees and explained ranking; the village facts. Every figure comes from
// the server, computed from records; every table can be downloaded as CSV.
import { useEffect, useState } from 'preact/hooks';
import { api, query, type Unit } from '../api';
import { formatDate, formatNumber, formatRate, type Key } from '../i18n';
import type {
  AwardCycle, Awardee, Campaign, Concurrency, Count, Listed, Mobilization, Organization, RankingRow, Reflections, VillageFacts,
} from '../registry_api';
import { navigate } from '../router';
import { provinceDay } from '../dates';
import { language, loadConfig, session, useCategoryName, useStore, useT, zoneOffset } from '../store';
import { ORGANIZATION_KINDS } from '../registry_api';
import { DateInput, ErrorBox, Page, Table } from '../ui';
import { RateMap } from './RateMap';

type Scope = { unit: string; at: string; from: string; to: string };

export default function Indicators() {
  const t = useT();
  const s = useStore(session);
  const [units, setUnits] = useState<Unit[]>([]);
  const [unit, setUnit] = useState('');
  const [at, setAt] = useState(provinceDay(zoneOffset.get()));
  const [from, setFrom] = useState('2020-01-01'); // seed 002 counts "since 2020"
  const [scope, setScope] = useState<Scope | null>(null);
  useEffect(() => {
    if (s === null) { navigate('/signin'); return; }
    if (!s) return;
    api<{ units: Unit[] }>('/api/v1/units').then((r) => setUnits(r.units)).catch(() => undefined);
    void loadConfig().then(() => {
      const today = provinceDay(zoneOffset.get());
      setAt(today);
      setScope({ unit: '', at: today, from, to: today });
    });
  }, [s]);
  if (!s) return <p role="status">{t('app.loading')}</p>;
  const communes = units.filter((u) => u.level === 'commune' && u.live !== false).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Page title={t('ind.title')}>
      <p class="help">{t('ind.intro')}</p>
      <form class="form inline" onSubmit={(e) => { e.preventDefault(); setScope({ unit, at, from, to: at }); }}>
        <label>{t('dash.unit')}
          <select name="unit" value={unit} onChange={(e) => setUnit((e.target as HTMLSelectElement).value)}>
            <option value="">{s.user.unit.name}</option>
            {communes.map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
          </select>
        </label>
        <DateInput name="from" label={t('ind.since')} value={from} onChange={setFrom} />
        <DateInput name="at" label={t('ind.at')} value={at} onChange={setAt} />
        <button type="submit">{t('dash.show')}</button>
      </form>
      {scope ? (
        <div key={`${scope.unit}|${scope.at}|${scope.from}`}>
          <TwoShoulders scope={scope} units={units} />
          <MobilizationSection scope={scope} />
          <ReflectionsSection scope={scope} />
          <AwardsSection scope={scope} />
          <FactsSection scope={scope} />
        </div>
      ) : null}
    </Page>
  );
}

// A section that loads one thing and shows its own error: one failing reading does not blank
// the others.
function useLoad<T>(path: string, again = 0): [T | null, unknown] {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { api<T>(path).then(setData).catch(setError); }, [path, again]);
  return [data, error];
}

function Figure(props: { label: string; value: string; help?: string; testid?: string }) {
  return <div><dt>{props.label}</dt><dd data-testid={props.testid}>{props.value}</dd>{props.help ? <dd class="help">{props.help}</dd> : null}</div>;
}

function TwoShoulders(props: { scope: Scope; units: Unit[] }) {
  const t = useT();
  const lang = useStore(language);
  const [c, error] = useLoad<Concurrency>(`/api/v1/indicators/concurrency${query({ unit: props.scope.unit, at: props.scope.at })}`);
  const located = new Map(props.units.map((u) => [u.code, u]));
  const parts = [...(c?.by_unit ?? [])].sort((a, b) => Number(a.rate ?? 0) - Number(b.rate ?? 0));
  return (
    <section aria-labelledby="ind-concurrency">
      <h2 id="ind-concurrency">{t('ind.concurrency')}</h2>
      <p class="help">{t('ind.concurrencyHelp')}</p>
      <ErrorBox error={error} />
      {c ? (
        <>
          <dl class="figures" data-testid="concurrency">
            <Figure label={t('ind.rate')} value={c.rate === null ? t('dash.none') : formatRate(lang, c.rate)} testid="concurrency-rate"
              help={t('ind.villagesOf', { n: formatNumber(lang, c.concurrent), of: formatNumber(lang, c.villages) })} />
            <Figure label={t('ind.target')} value={formatRate(lang, c.target.rate)} help={t('ind.targetBy', { date: formatDate(lang, c.target.by) })} />
            <Figure label={t('ind.gap')} value={c.gap === null ? t('dash.none') : formatRate(lang, c.gap)} />
            <Figure label={t('ind.without')} value={formatNumber(lang, c.without.length)} />
          </dl>
          <h3>{t('ind.trend')}</h3>
          <RateChart points={c.trend} />
          <details>
            <summary>{t('ind.trendTable')}</summary>
            <Table name="concurrency-trend" rows={c.trend} rowKey={(p) => p.at} columns={[
            { key: 'at', label: t('ind.day'), show: (p) => formatDate(lang, p.at), raw: (p) => p.at },
            { key: 'concurrent', label: t('ind.concurrent'), show: (p) => formatNumber(lang, p.concurrent), raw: (p) => p.concurrent },
            { key: 'villages', label: t('ind.villages'), show: (p) => formatNumber(lang, p.villages), raw: (p) => p.villages },
            { key: 'rate', label: t('ind.rate'), show: (p) => formatRate(lang, p.rate), raw: (p) => p.rate ?? '' },
            ]} />
          </details>
          <h3>{t('ind.byUnit')}</h3>
          <RateMap label={t('ind.map')} parts={parts.flatMap((p) => {
            const loc = located.get(p.unit.code)?.location;
            return loc ? [{ name: p.unit.name, rate: p.rate, lat: loc.lat, lon: loc.lon }] : [];
          })} />
          <details>
            <summary>{t('ind.everyUnit', { n: formatNumber(lang, parts.length) })}</summary>
            <Table name="concurrency-units" testid="concurrency-units" rows={parts} rowKey={(p) => p.unit.code} columns={[
            { key: 'unit', label: t('dash.unit'), show: (p) => p.unit.name, raw: (p) => p.unit.code },
            { key: 'rate', label: t('ind.rate'), show: (p) => formatRate(lang, p.rate), raw: (p) => p.rate ?? '' },
            { key: 'concurrent', label: t('ind.concurrent'), show: (p) => formatNumber(lang, p.concurrent), raw: (p) => p.concurrent },
            { key: 'villages', label: t('ind.villages'), show: (p) => formatNumber(lang, p.villages), raw: (p) => p.villages },
            ]} />
          </details>
          <details>
            <summary>{t('ind.withoutList', { n: formatNumber(lang, c.without.length) })}</summary>
            <Table name="villages-without" rows={c.without} rowKey={(u) => u.code} columns={[
              { key: 'code', label: t('ind.code'), show: (u) => u.code, raw: (u) => u.code },
              { key: 'name', label: t('ind.village'), show: (u) => u.name, raw: (u) => u.name },
            ]} />
          </details>
        </>
      ) : null}
    </section>
  );
}

// The rate on the last day of each month: one bar per month, 0–100 %, the target as a line.
function RateChart(props: { points: { at: string; rate: string | null }[] }) {
  const t = useT();
  const lang = useStore(language);
  const left = 64; // room for "100%" at the phone's larger text
  const w = 640;
  const h = 140;
  const top = 16;
  const n = Math.max(1, props.points.length);
  const bw = (w - left) / n;
  const y = (v: number) => top + h - (v / 100) * h;
  return (
    <svg viewBox={`0 0 ${w} ${h + top + 30}`} role="img" class="chart rate-chart"
      aria-label={`${t('ind.trend')}: ${formatDate(lang, props.points[0]?.at)} – ${formatDate(lang, props.points[props.points.length - 1]?.at)}`}>
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={left} y1={y(v)} x2={w} y2={y(v)} class="grid" />
          <text x={left - 6} y={y(v) + 4} text-anchor="end" class="tick">{`${v}%`}</text>
        </g>
      ))}
      {props.points.map((p, i) => {
        const v = Number(p.rate ?? 0);
        return (
          <g key={p.at}>
            <title>{`${formatDate(lang, p.at)}: ${formatRate(lang, p.rate)}`}</title>
            <rect x={left + i * bw + 3} y={y(v)} width={bw - 6} height={(v / 100) * h} class="bar-resolved" />
            <text x={left + i * bw + bw / 2} y={y(v) - 3} text-anchor="middle" class="value">{Math.round(v)}</text>
            <text x={left + i * bw + bw / 2} y={top + h + 16} text-anchor="middle" class="tick">
              {/* the month's number: "Tháng 1" or "Jan" would not fit twelve bars on a phone */}
              {new Intl.DateTimeFormat(lang, { month: 'numeric', timeZone: 'UTC' }).format(new Date(p.at))}
            </text>
          </g>
        );
      })}
      <line x1={left} y1={top + h} x2={w} y2={top + h} class="axis" />
    </svg>
  );
}

const countColumns = (t: ReturnType<typeof useT>, lang: 'id' | 'vi' | 'en') => [
  { key: 'people', label: t('ind.people'), show: (r: [string, Count]) => formatNumber(lang, r[1].people), raw: (r: [string, Count]) => r[1].people },
  { key: 'workdays', label: t('ind.workdays'), show: (r: [string, Count]) => formatNumber(lang, r[1].workdays), raw: (r: [string, Count]) => r[1].workdays },
];

function MobilizationSection(props: { scope: Scope }) {
  const t = useT();
  const lang = useStore(language);
  const period = { unit: props.scope.unit, from: props.scope.from, to: props.scope.to };
  const [m, error] = useLoad<Mobilization>(`/api/v1/indicators/mobilization${query(period)}`);
  const [campaigns, setCampaigns] = useState<[Campaign, Count][]>([]);
  useEffect(() => {
    // Each campaign's own figure for the unit's people (the server keeps them ready between writes).
    api<Listed<'campaigns', Campaign>>(`/api/v1/campaigns${query({ limit: 100 })}`)
      .then((r) => Promise.all(r.campaigns.filter((c) => c.to >= props.scope.from && c.from <= props.scope.to).map((c) =>
        api<Mobilization>(`/api/v1/indicators/mobilization${query({ ...period, campaign: c.code })}`).then((f) => [c, f.total] as [Campaign, Count]))))
      .then((rows) => setCampaigns(rows.filter(([, f]) => f.people > 0)))
      .catch(() => undefined);
  }, [props.scope.unit, props.scope.from, props.scope.to]);
  const kinds = Object.entries(m?.by_campaign_kind ?? {}).sort((a, b) => b[1].people - a[1].people);
  const orgKinds = Object.entries(m?.by_organization_kind ?? {}).sort((a, b) => b[1].people - a[1].people);
  return (
    <section aria-labelledby="ind-mobilization">
      <h2 id="ind-mobilization">{t('ind.mobilization')}</h2>
      <p class="help">{t('ind.mobilizationHelp')}</p>
      <ErrorBox error={error} />
      {m ? (
        <>
          <dl class="figures" data-testid="mobilization">
            <Figure label={t('ind.people')} value={formatNumber(lang, m.total.people)} testid="mobilized-people" />
            <Figure label={t('ind.workdays')} value={formatNumber(lang, m.total.workdays)} testid="mobilized-workdays" />
          </dl>
          <h3>{t('ind.byCampaign')}</h3>
          <Table name="mobilization-campaigns" testid="mobilization-campaigns" rows={campaigns} rowKey={([c]) => c.code} columns={[
            { key: 'campaign', label: t('ind.campaign'), show: ([c]) => <a href={`/campaigns/${c.code}`}>{c.title}</a>, raw: ([c]) => c.code },
            { key: 'kind', label: t('ind.kind'), show: ([c]) => t(`campaign.${c.kind}` as Key), raw: ([c]) => c.kind },
            { key: 'from', label: t('dash.from'), show: ([c]) => formatDate(lang, c.from), raw: ([c]) => c.from },
            { key: 'to', label: t('dash.to'), show: ([c]) => formatDate(lang, c.to), raw: ([c]) => c.to },
            { key: 'people', label: t('ind.people'), show: ([, f]) => formatNumber(lang, f.people), raw: ([, f]) => f.people },
            { key: 'workdays', label: t('ind.workdays'), show: ([, f]) => formatNumber(lang, f.workdays), raw: ([, f]) => f.workdays },
          ]} />
          <h3>{t('ind.byCampaignKind')}</h3>
          <Table name="mobilization-by-kind" rows={kinds} rowKey={([k]) => k} columns={[
            { key: 'kind', label: t('ind.kind'), show: ([k]) => t(`campaign.${k}` as Key), raw: ([k]) => k },
            ...countColumns(t, lang),
          ]} />
          <h3>{t('ind.byOrganizationKind')}</h3>
          <Table name="mobilization-by-organization" rows={orgKinds} rowKey={([k]) => k} columns={[
            { key: 'kind', label: t('ind.kind'), show: ([k]) => t(`org.${k}` as Key), raw: ([k]) => k },
            ...countColumns(t, lang),
          ]} />
        </>
      ) : null}
    </section>
  );
}

function ReflectionsSection(props: { scope: Scope }) {
  const t = useT();
  const lang = useStore(language);
  const catName = useCategoryName();
  const [groups, setGroups] = useState<Organization[]>([]);
  const [group, setGroup] = useState('');
  const [r, setR] = useState<Reflections | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    Promise.all(['core_mobilization_group', 'community_mobilization_team'].map((kind) =>
      api<Listed<'organizations', Organization>>(`/api/v1/organizations${query({ unit: props.scope.unit, kind, limit: 100 })}`)))
      .then(([core, teams]) => {
        const all = [...core.organizations, ...teams.organizations];
        setGroups(all);
        if (all.length) setGroup(all[0].code);
      })
      .catch(setError);
  }, [props.scope.unit]);
  useEffect(() => {
    if (!group) return;
    setR(null);
    api<Reflections>(`/api/v1/indicators/reflections${query({ organization: group, from: props.scope.from, to: props.scope.to })}`)
      .then(setR).catch(setError);
  }, [group]);
  const byCategory = Object.entries(r?.reflections.by_category ?? {}).sort((a, b) => b[1].forwarded - a[1].forwarded);
  const members = [...(r?.by_member ?? [])].sort((a, b) => b.reflections.forwarded - a.reflections.forwarded);
  const counts = <R,>(get: (x: R) => { forwarded: number; resolved: number; on_time: number; confirmed: number }) =>
    (['forwarded', 'resolved', 'on_time', 'confirmed'] as const).map((k) => ({
      key: k, label: t(`ind.${k}` as Key), show: (x: R) => formatNumber(lang, get(x)[k]), raw: (x: R) => get(x)[k],
    }));
  return (
    <section aria-labelledby="ind-reflections">
      <h2 id="ind-reflections">{t('ind.reflections')}</h2>
      <p class="help">{t('ind.reflectionsHelp')}</p>
      <ErrorBox error={error} />
      {groups.length ? (
        <label>{t('ind.group')}
          <select name="group" value={group} onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}>
            {groups.map((g) => <option key={g.code} value={g.code}>{g.name}</option>)}
          </select>
        </label>
      ) : <p>{t('ind.noGroups')}</p>}
      {r ? (
        <>
          <dl class="figures" data-testid="reflections">
            <Figure label={t('ind.members')} value={formatNumber(lang, r.members)} testid="members"
              help={t('ind.prestigious', { n: formatNumber(lang, r.prestigious) })} />
            <Figure label={t('ind.forwarded')} value={formatNumber(lang, r.reflections.forwarded)} testid="forwarded" />
            <Figure label={t('ind.resolved')} value={formatNumber(lang, r.reflections.resolved)} />
            <Figure label={t('ind.on_time')} value={formatNumber(lang, r.reflections.on_time)} />
            <Figure label={t('ind.confirmed')} value={formatNumber(lang, r.reflections.confirmed)} />
          </dl>
          <h3>{t('ind.byCategory')}</h3>
          <Table name="reflections-by-category" rows={byCategory} rowKey={([c]) => c} columns={[
            { key: 'category', label: t('inbox.category'), show: ([c]) => catName(c), raw: ([c]) => c },
            ...counts<[string, { forwarded: number; resolved: number; on_time: number; confirmed: number }]>(([, x]) => x),
          ]} />
          {members.length ? (
            <details>
              <summary>{t('ind.byMember', { n: formatNumber(lang, members.length) })}</summary>
              <Table name="reflections-by-member" rows={members} rowKey={(m) => m.person} columns={[
                { key: 'name', label: t('reg.name'), show: (m) => m.name, raw: (m) => m.name },
                { key: 'person', label: t('ind.code'), show: (m) => m.person, raw: (m) => m.person },
                ...counts<(typeof members)[number]>((m) => m.reflections),
              ]} />
            </details>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function AwardsSection(props: { scope: Scope }) {
  const t = useT();
  const lang = useStore(language);
  const [version, setVersion] = useState(0); // a new cycle or a decision reads the list again
  const [cycles, error] = useLoad<Listed<'awards', AwardCycle>>(`/api/v1/awards${query({ limit: 100 })}`, version);
  const [fresh, setFresh] = useState<AwardCycle[]>([]);
  const list = [...fresh, ...(cycles?.awards ?? []).filter((c) => !fresh.some((f) => f.code === c.code))]
    .sort((a, b) => b.to.localeCompare(a.to));
  return (
    <section aria-labelledby="ind-awards">
      <h2 id="ind-awards">{t('ind.awards')}</h2>
      <ErrorBox error={error} />
      {cycles && list.length === 0 ? <p>{t('ind.noAwards')}</p> : null}
      {list.map((c) => <AwardCycleView key={c.code} cycle={c} unit={props.scope.unit} lang={lang}
        onChanged={(n) => { setFresh((old) => [n, ...old.filter((x) => x.code !== n.code)]); setVersion((v) => v + 1); }} />)}
      <NewAwardCycle onCreated={(c) => setFresh((old) => [c, ...old])} />
    </section>
  );
}

// A new award cycle: its criteria as whole points per unit of each measure (0: not counted).
function NewAwardCycle(props: { onCreated: (c: AwardCycle) => void }) {
  const t = useT();
  const s = useStore(session);
  const today = provinceDay(zoneOffset.get());
  const [f, setF] = useState({ code: '', title: '', from: `${today.slice(0, 4)}-01-01`, to: today, kind: '', places: '' });
  const [weights, setWeights] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    const criteria = MEASURES.filter((m) => Number(weights[m] ?? 0) > 0).map((m) => ({ measure: m, weight: Number(weights[m]) }));
    api<AwardCycle>('/api/v1/awards', { method: 'POST', body: {
      code: f.code.trim(), title: f.title.trim(), unit: s?.user.unit.code, from: f.from, to: f.to,
      kind: f.kind || undefined, places: f.places ? Number(f.places) : undefined, criteria,
    } }).then((c) => { props.onCreated(c); setF({ ...f, code: '', title: '' }); }).catch(setError);
  };
  return (
    <details class="add">
      <summary>{t('ind.newCycle')}</summary>
      <form class="form" onSubmit={submit}>
        <label>{t('reg.code')}<input name="cycle-code" required maxLength={40} value={f.code} onInput={(e) => setF({ ...f, code: (e.target as HTMLInputElement).value })} /></label>
        <label>{t('roster.titleField')}<input name="cycle-title" required maxLength={200} value={f.title} onInput={(e) => setF({ ...f, title: (e.target as HTMLInputElement).value })} /></label>
        <DateInput name="cycle-from" label={t('dash.from')} value={f.from} onChange={(v) => setF({ ...f, from: v })} />
        <DateInput name="cycle-to" label={t('dash.to')} value={f.to} onChange={(v) => setF({ ...f, to: v })} />
        <label>{t('ind.cycleKind')}
          <select name="cycle-kind" value={f.kind} onChange={(e) => setF({ ...f, kind: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('ind.anyKind')}</option>
            {ORGANIZATION_KINDS.map((k) => <option key={k} value={k}>{t(`org.${k}` as Key)}</option>)}
          </select>
        </label>
        <label>{t('ind.places')}<input name="cycle-places" type="number" inputMode="numeric" min={1} value={f.places} onInput={(e) => setF({ ...f, places: (e.target as HTMLInputElement).value })} /></label>
        <fieldset>
          <legend>{t('ind.criteria')}</legend>
          <p class="help">{t('ind.criteriaHelp')}</p>
          {MEASURES.map((m) => (
            <label key={m}>{t(`measure.${m}` as Key)}
              <input name={`weight-${m}`} type="number" inputMode="numeric" min={0} max={1000} value={weights[m] ?? ''}
                onInput={(e) => setWeights({ ...weights, [m]: (e.target as HTMLInputElement).value })} />
            </label>
          ))}
        </fieldset>
        <ErrorBox error={error} />
        <button type="submit">{t('ind.createCycle')}</button>
      </form>
    </details>
  );
}
const MEASURES = ['reflections_forwarded', 'reflections_resolved', 'reflections_confirmed', 'campaigns', 'workdays', 'posts_held'] as const;

function AwardCycleView(props: { cycle: AwardCycle; unit: string; lang: 'id' | 'vi' | 'en'; onChanged: (c: AwardCycle) => void }) {
  const t = useT();
  const { cycle: c, lang } = props;
  const [awardees, setAwardees] = useState<Awardee[]>([]);
  const [ranking, setRanking] = useState<RankingRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ awardees: Awardee[] }>(`/api/v1/awards/${encodeURIComponent(c.code)}/awardees`).then((r) => setAwardees(r.awardees)).catch(setError);
  }, [c.code]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<number | null>(null);
  // A page of 100 at a time: a province ranks every holder (100,000 people).
  const rank = (offset = 0) => api<{ ranking: RankingRow[]; total: number; next_offset: number | null }>(
    `/api/v1/awards/${encodeURIComponent(c.code)}/ranking${query({ unit: props.unit, limit: 100, offset })}`)
    .then((r) => { setRanking((old) => (offset && old ? [...old, ...r.ranking] : r.ranking)); setTotal(r.total); setNext(r.next_offset); })
    .catch(setError);
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState({ title: '', number: '', date: provinceDay(zoneOffset.get()) });
  const nominate = (row: RankingRow) => {
    setError(null);
    api<RankingRow>(`/api/v1/awards/${encodeURIComponent(c.code)}/nominations`, { method: 'POST', body: { person: row.person, reason: reason.trim() } })
      .then(() => {
        setRanking((old) => old?.map((x) => (x.person === row.person ? { ...x, nominated: true } : x)) ?? old);
        props.onChanged({ ...c, nominated: c.nominated + 1 });
      })
      .catch(setError);
  };
  const decide = (e: Event) => {
    e.preventDefault();
    setError(null);
    api<AwardCycle>(`/api/v1/awards/${encodeURIComponent(c.code)}/decision`, { method: 'POST', body: decision })
      .then((d) => {
        props.onChanged(d);
        return api<{ awardees: Awardee[] }>(`/api/v1/awards/${encodeURIComponent(c.code)}/awardees`).then((r) => setAwardees(r.awardees));
      })
      .then(() => ranking && rank(0))
      .catch(setError);
  };
  const explain = (row: RankingRow) => row.explanation.map((l) => `${t(`measure.${l.measure}` as Key)} ${l.value} × ${l.weight} = ${l.points}`).join('; ');
  return (
    <article class="cycle">
      <h3>{c.title} <span class="muted">({c.code})</span></h3>
      <p>
        {formatDate(lang, c.from)} – {formatDate(lang, c.to)} · {c.unit.name} ·{' '}
        {c.criteria.map((k) => `${t(`measure.${k.measure}` as Key)} × ${k.weight}`).join(', ')}
      </p>
      {c.decision ? (
        <p data-testid="decision">{t('ind.decision', { title: c.decision.title, number: c.decision.number, date: formatDate(lang, c.decision.date) })}</p>
      ) : <p>{t('ind.undecided', { n: formatNumber(lang, c.nominated) })}</p>}
      <ErrorBox error={error} />
      {awardees.length ? (
        <>
          <h4>{t('ind.awardees', { n: formatNumber(lang, awardees.length) })}</h4>
          <Table name={`awardees-${c.code}`} testid="awardees" rows={awardees} rowKey={(a) => a.person} columns={[
            { key: 'name', label: t('reg.name'), show: (a) => a.name, raw: (a) => a.name },
            { key: 'unit', label: t('dash.unit'), show: (a) => a.unit.name, raw: (a) => a.unit.code },
            { key: 'certificate', label: t('ind.certificate'), raw: (a) => a.person, show: (a) => (
              <a href={`/api/v1/awards/${encodeURIComponent(c.code)}/awardees/${encodeURIComponent(a.person)}/certificate?lang=${lang}`} target="_blank" rel="noopener">
                {t('ind.certificate')}<span class="sr-only"> {a.name}</span>
              </a>
            ) },
          ]} />
        </>
      ) : null}
      {ranking === null ? <button type="button" class="secondary" onClick={() => void rank(0)}>{t('ind.showRanking')}</button> : (
        <>
          <h4>{t('ind.ranking')}</h4>
          <p class="help">{t('ind.rankingShown', { n: formatNumber(lang, ranking.length), total: formatNumber(lang, total) })}</p>
          <Table name={`ranking-${c.code}`} testid="ranking" rows={ranking} rowKey={(r) => r.person} columns={[
            { key: 'rank', label: t('ind.rank'), show: (r) => `${r.rank ?? ''}${r.tied ? ` (${t('ind.tied')})` : ''}`, raw: (r) => r.rank ?? '' },
            { key: 'name', label: t('reg.name'), show: (r) => r.name, raw: (r) => r.name },
            { key: 'score', label: t('ind.score'), show: (r) => formatNumber(lang, r.score), raw: (r) => r.score },
            { key: 'explanation', label: t('ind.explanation'), show: (r) => <span class="muted">{explain(r)}</span>, raw: (r) => explain(r) },
            { key: 'awarded', label: t('ind.awarded'), raw: (r) => (r.awarded ? 1 : 0), show: (r) => (r.awarded ? t('ind.yes') : r.nominated ? t('ind.nominated')
              : c.decision ? '' : <button type="button" class="link" onClick={() => nominate(r)}>{t('ind.nominate')}<span class="sr-only"> {r.name}</span></button>) },
          ]} />
          {next !== null ? <button type="button" class="secondary" onClick={() => void rank(next)}>{t('board.more')}</button> : null}
          {c.decision ? null : (
            <label>{t('ind.reason')}<input name={`reason-${c.code}`} maxLength={1000} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} /></label>
          )}
        </>
      )}
      {!c.decision && c.nominated > 0 ? (
        <form class="form" onSubmit={decide} aria-label={t('ind.decide')}>
          <h4>{t('ind.decide')}</h4>
          <p class="help">{t('ind.decideHelp', { n: formatNumber(lang, c.nominated) })}</p>
          <label>{t('ind.decisionTitle')}<input name="decision-title" required maxLength={200} value={decision.title} onInput={(e) => setDecision({ ...decision, title: (e.target as HTMLInputElement).value })} /></label>
          <label>{t('ind.decisionNumber')}<input name="decision-number" required maxLength={60} value={decision.number} onInput={(e) => setDecision({ ...decision, number: (e.target as HTMLInputElement).value })} /></label>
          <DateInput name="decision-date" label={t('ind.decisionDate')} value={decision.date} onChange={(v) => setDecision({ ...decision, date: v })} />
          <button type="submit">{t('ind.recordDecision')}</button>
        </form>
      ) : null}
    </article>
  );
}

function FactsSection(props: { scope: Scope }) {
  const t = useT();
  const lang = useStore(language);
  const [f, error] = useLoad<VillageFacts>(`/api/v1/indicators/village-facts${query({ unit: props.scope.unit, at: props.scope.at })}`);
  const rows = Object.entries(f?.facts ?? {});
  return (
    <section aria-labelledby="ind-facts">
      <h2 id="ind-facts">{t('ind.facts')}</h2>
      <p class="help">{t('ind.factsHelp')}</p>
      <ErrorBox error={error} />
      {f ? (
        <Table name="village-facts" testid="village-facts" rows={rows} rowKey={([k]) => k} columns={[
          { key: 'kind', label: t('ind.fact'), show: ([k]) => t(`fact.${k}` as Key), raw: ([k]) => k },
          { key: 'value', label: t('ind.value'), show: ([, x]) => formatNumber(lang, x.value), raw: ([, x]) => x.value },
          { key: 'of', label: t('ind.of'), show: ([, x]) => (x.of === undefined ? '' : formatNumber(lang, x.of)), raw: ([, x]) => x.of ?? '' },
          { key: 'rate', label: t('ind.rate'), show: ([, x]) => formatRate(lang, x.rate), raw: ([, x]) => x.rate ?? '' },
          { key: 'villages', label: t('ind.villagesReporting'), show: ([, x]) => formatNumber(lang, x.villages), raw: ([, x]) => x.villages },
        ]} />
      ) : null}
    </section>
  );
}
