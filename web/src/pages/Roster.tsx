// Campaigns and their rosters, for the officers who organize them (issue 16, point 3).
// `/campaigns`: the campaigns, and a form for a new one. `/campaigns/{code}`: its figures, the
// members' own reports waiting for confirmation, and the roster with a form made for fast entry
// from a paper list: the village stays chosen, a name is picked by typing, Enter adds the line and
// the cursor goes back to the name for the next one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, query } from '../api';
import { newKey, outcomeOf, type QueuedReport } from '../outbox';
import { flushLines, postLine, rosterBox, type RosterLine } from '../roster_outbox';
import { formatDate, formatNumber, type Key } from '../i18n';
import { matchesWords } from '../place_search';
import {
  CAMPAIGN_KINDS, personCode, type Campaign, type Listed, type Mobilization, type Participation, type Person,
} from '../registry_api';
import { navigate } from '../router';
import { provinceDay } from '../dates';
import { CAMPAIGN_KEY, language, online, PEOPLE_KEY, readJson, session, useStore, useT, writeJson, zoneOffset } from '../store';
import { DateInput, ErrorBox, Notice, Page, Table } from '../ui';
import { UnitPicker, type Picked } from './UnitPicker';

function useStaff(): boolean {
  const s = useStore(session);
  useEffect(() => { if (s === null) navigate('/signin'); }, [s]);
  return !!s && s.user.role !== 'member';
}

export default function Roster(props: { params: string[] }) {
  const t = useT();
  const staff = useStaff();
  if (!staff) return <p role="status">{t('app.loading')}</p>;
  return props.params[0] ? <CampaignRoster code={props.params[0]} /> : <CampaignList />;
}

function CampaignList() {
  const t = useT();
  const lang = useStore(language);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = () => api<Listed<'campaigns', Campaign>>(`/api/v1/campaigns${query({ limit: 100 })}`)
    .then((r) => setCampaigns([...r.campaigns].sort((a, b) => b.from.localeCompare(a.from)))).catch(setError);
  useEffect(() => { void load(); }, []);
  return (
    <Page title={t('roster.campaigns')}>
      <ErrorBox error={error} />
      <Table name="campaigns" testid="campaigns" rows={campaigns} rowKey={(c) => c.code} columns={[
        { key: 'code', label: t('ind.code'), show: (c) => <a href={`/campaigns/${c.code}`}>{c.code}</a>, raw: (c) => c.code },
        { key: 'title', label: t('roster.titleField'), show: (c) => c.title, raw: (c) => c.title },
        { key: 'kind', label: t('ind.kind'), show: (c) => t(`campaign.${c.kind}` as Key), raw: (c) => c.kind },
        { key: 'from', label: t('dash.from'), show: (c) => formatDate(lang, c.from), raw: (c) => c.from },
        { key: 'to', label: t('dash.to'), show: (c) => formatDate(lang, c.to), raw: (c) => c.to },
      ]} />
      <NewCampaign onCreated={(c) => navigate(`/campaigns/${c.code}`)} />
    </Page>
  );
}

function NewCampaign(props: { onCreated: (c: Campaign) => void }) {
  const t = useT();
  const s = useStore(session);
  const today = provinceDay(zoneOffset.get());
  const [f, setF] = useState({ code: '', kind: 'disaster_prevention', title: '', from: today, to: today, goal_people: '', goal_workdays: '', organizers: '' });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    const body = {
      code: f.code.trim(), kind: f.kind, title: f.title.trim(), unit: s?.user.unit.code, from: f.from, to: f.to,
      goal_people: f.goal_people ? Number(f.goal_people) : undefined,
      goal_workdays: f.goal_workdays ? Number(f.goal_workdays) : undefined,
      organizers: f.organizers.split(/[,;\s]+/).filter(Boolean),
    };
    api<Campaign>('/api/v1/campaigns', { method: 'POST', body }).then(props.onCreated).catch(setError);
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby="new-campaign">
      <h2 id="new-campaign">{t('roster.new')}</h2>
      <label>{t('roster.code')}<input name="code" required maxLength={16} pattern="[A-Za-z0-9]+" value={f.code} onInput={set('code')} /></label>
      <p class="help">{t('roster.codeHelp')}</p>
      <label>{t('ind.kind')}
        <select name="kind" value={f.kind} onChange={set('kind')}>
          {CAMPAIGN_KINDS.map((k) => <option key={k} value={k}>{t(`campaign.${k}` as Key)}</option>)}
        </select>
      </label>
      <label>{t('roster.titleField')}<input name="title" required maxLength={200} value={f.title} onInput={set('title')} /></label>
      <DateInput name="from" label={t('dash.from')} value={f.from} onChange={(v) => setF({ ...f, from: v })} />
      <DateInput name="to" label={t('dash.to')} value={f.to} onChange={(v) => setF({ ...f, to: v })} />
      <label>{t('roster.goalPeople')}<input name="goal_people" type="number" inputMode="numeric" min={1} value={f.goal_people} onInput={set('goal_people')} /></label>
      <label>{t('roster.goalWorkdays')}<input name="goal_workdays" type="number" inputMode="numeric" min={1} value={f.goal_workdays} onInput={set('goal_workdays')} /></label>
      <label>{t('roster.organizers')}<input name="organizers" value={f.organizers} onInput={set('organizers')} /></label>
      <p class="help">{t('roster.organizersHelp')}</p>
      <ErrorBox error={error} />
      <button type="submit">{t('roster.create')}</button>
    </form>
  );
}

function CampaignRoster(props: { code: string }) {
  const t = useT();
  const lang = useStore(language);
  const path = `/api/v1/campaigns/${encodeURIComponent(props.code)}`;
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [figure, setFigure] = useState<Mobilization | null>(null);
  const [rows, setRows] = useState<Participation[]>([]);
  const [after, setAfter] = useState<string | number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirmed, setConfirmed] = useState('');
  const loadFigure = () => api<Mobilization>(`/api/v1/indicators/mobilization${query({ campaign: props.code })}`).then(setFigure).catch(setError);
  const loadRows = (from: string | number | null) =>
    api<Listed<'participations', Participation>>(`${path}/participations${query({ limit: 100, after: from ?? undefined })}`)
      .then((r) => { setRows((old) => (from ? [...old, ...r.participations] : r.participations)); setAfter(r.next_after); })
      .catch(setError);
  const isOnline = useStore(online);
  const [queued, setQueued] = useState<QueuedReport[]>([]);
  const listQueued = async () => setQueued(((await rosterBox?.list()) ?? []).filter((r) => (r.body as unknown as RosterLine).campaign === props.code));
  useEffect(() => {
    // Kept for a page opened without a connection: the form needs the campaign's place and days.
    api<Campaign>(path).then((c) => { setCampaign(c); writeJson(CAMPAIGN_KEY + c.code, c); })
      .catch((e) => { const kept = readJson<Campaign>(CAMPAIGN_KEY + props.code); if (kept) setCampaign(kept); else setError(e); });
    void listQueued();
  }, [props.code]);
  // Online (now, or again): the roster and figure, and the lines kept on this device.
  useEffect(() => {
    if (!isOnline) return;
    void loadFigure();
    void loadRows(null);
    const flush = () => {
      let sent = 0;
      return flushLines(() => { sent++; }).then(async () => {
        await listQueued();
        if (sent) { void loadFigure(); void loadRows(null); }
      });
    };
    void flush();
    const timer = setInterval(() => void flush(), 10000);
    return () => clearInterval(timer);
  }, [props.code, isOnline]);
  const added = (p: Participation) => { setRows((old) => [p, ...old]); void loadFigure(); };
  const confirm = (p: Participation) => {
    setError(null);
    api<Participation>(`/api/v1/participations/${p.id}/confirm`, { method: 'POST', body: {} })
      .then((c) => {
        setRows((old) => old.map((x) => (x.id === c.id ? c : x)));
        setConfirmed(t('roster.confirmedOne', { name: c.person?.name ?? c.unit }));
        void loadFigure();
      })
      .catch(setError);
  };
  const pending = rows.filter((p) => !p.confirmed);
  const who = (p: Participation) => (p.person ? p.person.name : t('roster.headcountOf', { n: p.headcount, unit: p.unit }));
  const when = (p: Participation) => (p.days !== null ? t('roster.daysEach', { n: p.days }) : `${formatDate(lang, p.from)} – ${formatDate(lang, p.to)}`);
  return (
    <Page title={campaign ? campaign.title : props.code}>
      <p><a href="/campaigns">{t('roster.campaigns')}</a></p>
      <ErrorBox error={error} />
      {campaign ? (
        <p>
          {campaign.code} · {t(`campaign.${campaign.kind}` as Key)} · {formatDate(lang, campaign.from)} – {formatDate(lang, campaign.to)}
          {campaign.organizers.length ? ` · ${campaign.organizers.join(', ')}` : ''}
        </p>
      ) : null}
      {figure ? (
        <dl class="figures" data-testid="campaign-figures">
          <div><dt>{t('ind.people')}</dt><dd data-testid="campaign-people">{formatNumber(lang, figure.total.people)}</dd>
            {campaign?.goal_people ? <dd class="help">{t('roster.goal', { n: formatNumber(lang, campaign.goal_people) })}</dd> : null}</div>
          <div><dt>{t('ind.workdays')}</dt><dd data-testid="campaign-workdays">{formatNumber(lang, figure.total.workdays)}</dd>
            {campaign?.goal_workdays ? <dd class="help">{t('roster.goal', { n: formatNumber(lang, campaign.goal_workdays) })}</dd> : null}</div>
        </dl>
      ) : null}
      {campaign ? <FastEntry campaign={campaign} onAdded={added} onKept={() => void listQueued()} /> : null}
      {queued.length ? (
        <section aria-labelledby="kept-h">
          <h2 id="kept-h">{t('roster.kept', { n: queued.filter((r) => !r.error).length })}</h2>
          <p class="help">{t('roster.keptHelp')}</p>
          <ul class="cases" data-testid="kept">
            {queued.map((r) => (
              <li key={r.key}>
                {(r.body as unknown as RosterLine).label}
                {r.error ? <>
                  {' '}<span class="error">{t('roster.refused', { reason: r.error })}</span>{' '}
                  <button type="button" class="link" onClick={() => void rosterBox?.remove(r.key).then(listQueued)}>{t('roster.drop')}</button>
                </> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {confirmed ? <Notice>{confirmed}</Notice> : null}
      {pending.length ? (
        <section aria-labelledby="pending-h">
          <h2 id="pending-h">{t('roster.pending', { n: pending.length })}</h2>
          <p class="help">{t('roster.pendingHelp')}</p>
          <ul class="cases" data-testid="pending">
            {pending.map((p) => (
              <li key={p.id}>
                {who(p)} · {when(p)} · {t(`source.${p.source}` as Key) || p.source}{' '}
                <button type="button" onClick={() => confirm(p)}>{t('roster.confirm')}<span class="sr-only"> {who(p)}</span></button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{t('roster.roster')}</h2>
      <Table name={`roster-${props.code}`} testid="roster" rows={rows.filter((p) => p.confirmed)} rowKey={(p) => String(p.id)} columns={[
        { key: 'person', label: t('roster.who'), show: who, raw: (p) => p.person?.code ?? '' },
        { key: 'unit', label: t('dash.unit'), show: (p) => p.unit, raw: (p) => p.unit },
        { key: 'headcount', label: t('roster.headcount'), show: (p) => formatNumber(lang, p.headcount), raw: (p) => p.headcount },
        { key: 'days', label: t('roster.when'), show: when, raw: (p) => p.days ?? `${p.from}/${p.to}` },
        { key: 'workdays', label: t('ind.workdays'), show: (p) => formatNumber(lang, p.workdays), raw: (p) => p.workdays },
        { key: 'role', label: t('roster.roleColumn'), show: (p) => p.role, raw: (p) => p.role },
      ]} />
      {after !== null ? <button type="button" class="secondary" onClick={() => void loadRows(after)}>{t('board.more')}</button> : null}
    </Page>
  );
}

function FastEntry(props: { campaign: Campaign; onAdded: (p: Participation) => void; onKept: () => void }) {
  const t = useT();
  const nameRef = useRef<HTMLInputElement>(null);
  const [place, setPlace] = useState<Picked>({ commune: '', village: '' });
  const { commune, village } = place;
  const [people, setPeople] = useState<Person[]>([]);
  const [group, setGroup] = useState(false); // a headcount for the village, names not known
  const [who, setWho] = useState('');
  const [headcount, setHeadcount] = useState('');
  const [byDates, setByDates] = useState(false);
  const [days, setDays] = useState('1');
  const [from, setFrom] = useState(props.campaign.from);
  const [to, setTo] = useState(props.campaign.from);
  const [role, setRole] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [last, setLast] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setPeople([]);
    if (!village) return;
    // A village's people, page by page (a village keeps a few hundred at most).
    // Kept on this device (codes and names only), so names can be picked without a connection.
    const kept = readJson<Person[]>(PEOPLE_KEY + village);
    if (kept) setPeople(kept);
    const load = async () => {
      let all: Person[] = [];
      let after: string | number | null = null;
      for (let i = 0; i < 10; i++) {
        const r: Listed<'people', Person> = await api(`/api/v1/people${query({ unit: village, limit: 100, after: after ?? undefined })}`);
        all = all.concat(r.people);
        after = r.next_after;
        if (after === null) break;
      }
      writeJson(PEOPLE_KEY + village, all.map((p) => ({ code: p.code, name: p.name })));
      if (current) setPeople(all); // not a village chosen before this one
    };
    let current = true;
    load().catch((e) => { if (!kept && current) setError(e); });
    return () => { current = false; };
  }, [village]);
  const matching = who.length >= 1 ? people.filter((p) => matchesWords(who, p.name, p.code)).slice(0, 30) : people.slice(0, 30);
  const submit = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const body: Record<string, unknown> = { role: role.trim() };
    if (group) {
      body.unit = village || commune;
      body.headcount = Number(headcount);
    } else {
      body.person = personCode(who, people);
    }
    if (byDates) { body.from = from; body.to = to; } else body.days = Number(days);
    const label = `${group ? t('roster.headcountOf', { n: headcount, unit: village || commune }) : who.trim()} · ${byDates ? `${from} – ${to}` : t('roster.daysEach', { n: days })}`;
    const line: RosterLine = { campaign: props.campaign.code, body, label };
    const key = newKey();
    const next = (message: string) => {
      setLast(message);
      setWho('');
      setHeadcount('');
      nameRef.current?.focus();
    };
    setBusy(true);
    postLine(line, key)
      .then((p) => {
        props.onAdded(p);
        next(t('roster.added', { who: p.person?.name ?? t('roster.headcountOf', { n: p.headcount, unit: p.unit }), n: p.workdays }));
      })
      .catch(async (e) => {
        // Refused: the form says why and keeps what was typed. No connection (or the server
        // busy): the line is kept on this device with its key and sent once the link returns.
        if (e instanceof ApiError && outcomeOf(e.status, e.detail) !== 'retry') { setError(e); return; }
        await rosterBox?.add(line as unknown as Record<string, unknown>, Date.now(), undefined, key);
        props.onKept();
        next(t('roster.keptOne', { what: label }));
      })
      .finally(() => setBusy(false));
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby="entry-h" data-testid="fast-entry">
      <h2 id="entry-h">{t('roster.entry')}</h2>
      <p class="help">{t('roster.entryHelp')}</p>
      <UnitPicker value={place} onChange={setPlace} within={props.campaign.unit} />
      <label class="check"><input type="checkbox" name="group" checked={group} onChange={(e) => setGroup((e.target as HTMLInputElement).checked)} /> {t('roster.group')}</label>
      {group ? (
        <label>{t('roster.headcount')}<input name="headcount" type="number" inputMode="numeric" min={1} required value={headcount}
          onInput={(e) => setHeadcount((e.target as HTMLInputElement).value)} ref={nameRef} /></label>
      ) : (
        <>
          <label>{t('roster.person')}
            <input name="person" list="roster-people" autoComplete="off" required value={who} ref={nameRef}
              onInput={(e) => setWho((e.target as HTMLInputElement).value)} />
          </label>
          <datalist id="roster-people">
            {matching.map((p) => <option key={p.code} value={`${p.name} (${p.code})`} />)}
          </datalist>
          <p class="help">{village ? t('roster.personHelp', { n: people.length }) : t('roster.personHelpNoVillage')}</p>
        </>
      )}
      <label class="check"><input type="checkbox" name="by-dates" checked={byDates} onChange={(e) => setByDates((e.target as HTMLInputElement).checked)} /> {t('roster.byDates')}</label>
      {byDates ? (
        <>
          <DateInput name="from" label={t('dash.from')} value={from} onChange={setFrom} />
          <DateInput name="to" label={t('dash.to')} value={to} onChange={setTo} />
        </>
      ) : (
        <label>{t('roster.days')}<input name="days" type="number" inputMode="numeric" min={1} required value={days}
          onInput={(e) => setDays((e.target as HTMLInputElement).value)} /></label>
      )}
      <label>{t('roster.role')}<input name="role" maxLength={100} value={role} onInput={(e) => setRole((e.target as HTMLInputElement).value)} /></label>
      <ErrorBox error={error} />
      {last ? <p class="added" role="status" data-testid="added">{last}</p> : null}
      <button type="submit" disabled={busy}>{t('roster.add')}</button>
    </form>
  );
}
