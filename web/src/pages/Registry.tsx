// The registry of a commune (or the province), for the officers who keep it (issue 16, point 1):
// people, households, organizations and posts held, each listed for a unit with a form to add one,
// and CSV files in and out. A commune officer sees and records their commune only (the server
// decides; a list outside it answers 403). Phones show here, for staff in scope, and never leave
// in an export.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, CsvRefused, query, uploadCsv, type CsvImport, type Unit } from '../api';
import { UnitPicker, useUnits, type Picked } from './UnitPicker';
import { formatDate, formatNumber, formatRate, type Key } from '../i18n';
import {
  FACT_KINDS, ORGANIZATION_KINDS, REGISTRY_TABLES, TITLES, type Election, type Household, type VillageFacts, type Listed, type Organization, type Person, type Position,
} from '../registry_api';
import { navigate } from '../router';
import { provinceDay } from '../dates';
import { language, session, useStore, useT, zoneOffset } from '../store';
import { DateInput, ErrorBox, Notice, Page, Table, type Column } from '../ui';

const TABS = ['people', 'households', 'organizations', 'positions', 'elections', 'facts', 'csv'] as const;
type Tab = (typeof TABS)[number];

export default function Registry() {
  const t = useT();
  const s = useStore(session);
  const [tab, setTab] = useState<Tab>('people');
  const [place, setPlace] = useState<Picked>({ commune: '', village: '' });
  const villages = useUnits(place.commune).filter((u) => u.level === 'village');
  const commune = useUnits().filter((u) => u.code === place.commune);
  useEffect(() => { if (s === null) navigate('/signin'); }, [s]);
  if (!s) return <p role="status">{t('app.loading')}</p>;
  const current = place.village || place.commune || s.user.unit.code;
  return (
    <Page title={t('reg.title')}>
      <div class="tabs" role="tablist" aria-label={t('reg.title')}>
        {TABS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} class={tab === k ? 'on' : ''} onClick={() => setTab(k)}>
            {t(`reg.tab.${k}` as Key)}
          </button>
        ))}
      </div>
      <UnitPicker value={place} onChange={setPlace} />
      <div role="tabpanel" key={`${tab}|${current}`}>
        {tab === 'people' ? <PeopleTab unit={current} villages={villages} /> : null}
        {tab === 'households' ? <HouseholdsTab unit={current} villages={villages} /> : null}
        {tab === 'organizations' ? <OrganizationsTab unit={current} places={[...commune, ...villages]} /> : null}
        {tab === 'positions' ? <PositionsTab unit={current} /> : null}
        {tab === 'elections' ? <ElectionsTab unit={current} villages={villages} /> : null}
        {tab === 'facts' ? <FactsTab village={place.village} /> : null}
        {tab === 'csv' ? <CsvTab unit={current} /> : null}
      </div>
    </Page>
  );
}

// A page of a registry list for the unit, with "more"; `added` puts a new record first.
function useList<T>(key: string, unit: string, extra: Record<string, string> = {}) {
  const [rows, setRows] = useState<T[]>([]);
  const [after, setAfter] = useState<string | number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = (from: string | number | null) =>
    api<Listed<string, T>>(`/api/v1/${key}${query({ unit, limit: 50, after: from ?? undefined, ...extra })}`)
      .then((r) => { setRows((old) => (from ? [...old, ...r[key]] : r[key])); setAfter(r.next_after); })
      .catch(setError);
  useEffect(() => { void load(null); }, [unit]);
  return { rows, setRows, more: after !== null ? () => void load(after) : null, error };
}

function ListBlock<T>(props: { name: string; list: ReturnType<typeof useList<T>>; columns: Column<T>[]; rowKey: (r: T) => string }) {
  const t = useT();
  return (
    <>
      <ErrorBox error={props.list.error} />
      <Table name={props.name} testid={props.name} rows={props.list.rows} rowKey={props.rowKey} columns={props.columns} />
      {props.list.rows.length === 0 && !props.list.error ? <p>{t('reg.empty')}</p> : null}
      {props.list.more ? <button type="button" class="secondary" onClick={props.list.more}>{t('board.more')}</button> : null}
    </>
  );
}

// A form that posts a record and shows the server's refusal in the reader's language.
function AddForm<T>(props: { title: string; path: string; body: () => Record<string, unknown>; onAdded: (r: T) => void; reset: () => void; children: ComponentChildren }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone('');
    setBusy(true);
    api<T>(props.path, { method: 'POST', body: props.body() })
      .then((r) => { props.onAdded(r); props.reset(); setDone(t('reg.saved')); })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <details class="add">
      <summary>{props.title}</summary>
      <form class="form" onSubmit={submit}>
        {props.children}
        <ErrorBox error={error} />
        {done ? <Notice>{done}</Notice> : null}
        <button type="submit" disabled={busy}>{t('reg.save')}</button>
      </form>
    </details>
  );
}

function Field(props: { name: string; label: string; value: string; set: (v: string) => void; type?: string; required?: boolean; min?: number; max?: number; help?: string }) {
  return (
    <>
      <label>{props.label}
        <input name={props.name} type={props.type ?? 'text'} inputMode={props.type === 'number' ? 'numeric' : undefined} required={props.required}
          min={props.min} max={props.max} value={props.value} onInput={(e) => props.set((e.target as HTMLInputElement).value)} />
      </label>
      {props.help ? <p class="help">{props.help}</p> : null}
    </>
  );
}

function Check(props: { name: string; label: string; value: boolean; set: (v: boolean) => void }) {
  return <label class="check"><input type="checkbox" name={props.name} checked={props.value} onChange={(e) => props.set((e.target as HTMLInputElement).checked)} /> {props.label}</label>;
}

function UnitSelect(props: { label: string; units: Unit[]; value: string; set: (v: string) => void }) {
  return (
    <label>{props.label}
      <select name="record-unit" required value={props.value} onChange={(e) => props.set((e.target as HTMLSelectElement).value)}>
        <option value="">—</option>
        {props.units.map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
      </select>
    </label>
  );
}

const yes = (t: ReturnType<typeof useT>, v: boolean) => (v ? t('ind.yes') : '');

function PeopleTab(props: { unit: string; villages: Unit[] }) {
  const t = useT();
  const list = useList<Person>('people', props.unit);
  const blank = { code: '', name: '', sex: '', birth_year: '', ethnic_group: '', unit: '', household: '', phone: '', party_member: false, prestigious: false };
  const [f, setF] = useState(blank);
  const set = (k: keyof typeof blank) => (v: string | boolean) => setF({ ...f, [k]: v });
  return (
    <section>
      <AddForm<Person> title={t('reg.addPerson')} path="/api/v1/people" onAdded={(p) => list.setRows((r) => [p, ...r])} reset={() => setF({ ...blank, unit: f.unit })}
        body={() => ({
          code: f.code.trim(), name: f.name.trim(), sex: f.sex || undefined, birth_year: f.birth_year ? Number(f.birth_year) : undefined,
          ethnic_group: f.ethnic_group.trim() || undefined, unit: f.unit, household: f.household.trim() || undefined,
          phone: f.phone.trim() || undefined, party_member: f.party_member, prestigious: f.prestigious,
        })}>
        <Field name="code" label={t('reg.code')} value={f.code} set={set('code')} required help={t('reg.codeHelp')} />
        <Field name="name" label={t('reg.name')} value={f.name} set={set('name')} required />
        <label>{t('reg.sex')}
          <select name="sex" value={f.sex} onChange={(e) => set('sex')((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {['female', 'male', 'other'].map((k) => <option key={k} value={k}>{t(`sex.${k}` as Key)}</option>)}
          </select>
        </label>
        <Field name="birth_year" label={t('reg.birthYear')} type="number" min={1900} max={2100} value={f.birth_year} set={set('birth_year')} />
        <Field name="ethnic_group" label={t('reg.ethnicGroup')} value={f.ethnic_group} set={set('ethnic_group')} />
        <UnitSelect label={t('ind.village')} units={props.villages} value={f.unit} set={set('unit')} />
        <Field name="household" label={t('reg.household')} value={f.household} set={set('household')} />
        <Field name="phone" label={t('report.phone')} type="tel" value={f.phone} set={set('phone')} />
        <Check name="party_member" label={t('reg.partyMember')} value={f.party_member} set={set('party_member')} />
        <Check name="prestigious" label={t('reg.prestigious')} value={f.prestigious} set={set('prestigious')} />
      </AddForm>
      <ListBlock name="people" list={list} rowKey={(p) => p.code} columns={[
        { key: 'name', label: t('reg.name'), show: (p) => p.name, raw: (p) => p.name },
        { key: 'code', label: t('reg.code'), show: (p) => p.code, raw: (p) => p.code },
        { key: 'unit', label: t('ind.village'), show: (p) => p.unit.name, raw: (p) => p.unit.code },
        { key: 'birth_year', label: t('reg.birthYear'), show: (p) => p.birth_year ?? '', raw: (p) => p.birth_year ?? '' },
        { key: 'party_member', label: t('reg.partyMember'), show: (p) => yes(t, p.party_member), raw: (p) => (p.party_member ? 1 : 0) },
        { key: 'prestigious', label: t('reg.prestigious'), show: (p) => yes(t, p.prestigious), raw: (p) => (p.prestigious ? 1 : 0) },
        { key: 'phone', label: t('report.phone'), show: (p) => p.phone, raw: () => '' },
      ]} />
    </section>
  );
}

function HouseholdsTab(props: { unit: string; villages: Unit[] }) {
  const t = useT();
  const lang = useStore(language);
  const list = useList<Household>('households', props.unit);
  const blank = { code: '', unit: '', head_name: '', size: '', phone: '', poverty: 'none', poverty_assessed: provinceDay(zoneOffset.get()) };
  const [f, setF] = useState(blank);
  const set = (k: keyof typeof blank) => (v: string) => setF({ ...f, [k]: v });
  return (
    <section>
      <AddForm<Household> title={t('reg.addHousehold')} path="/api/v1/households" onAdded={(h) => list.setRows((r) => [h, ...r])} reset={() => setF({ ...blank, unit: f.unit })}
        body={() => ({
          code: f.code.trim(), unit: f.unit, head_name: f.head_name.trim(), size: Number(f.size), phone: f.phone.trim() || undefined,
          poverty: f.poverty, poverty_assessed: f.poverty === 'none' ? undefined : f.poverty_assessed,
        })}>
        <Field name="code" label={t('reg.code')} value={f.code} set={set('code')} required help={t('reg.codeHelp')} />
        <UnitSelect label={t('ind.village')} units={props.villages} value={f.unit} set={set('unit')} />
        <Field name="head_name" label={t('reg.headName')} value={f.head_name} set={set('head_name')} required />
        <Field name="size" label={t('reg.size')} type="number" min={1} max={60} value={f.size} set={set('size')} required />
        <Field name="phone" label={t('report.phone')} type="tel" value={f.phone} set={set('phone')} />
        <label>{t('reg.poverty')}
          <select name="poverty" value={f.poverty} onChange={(e) => set('poverty')((e.target as HTMLSelectElement).value)}>
            {['none', 'near_poor', 'poor'].map((k) => <option key={k} value={k}>{t(`poverty.${k}` as Key)}</option>)}
          </select>
        </label>
        {f.poverty !== 'none' ? <DateInput name="assessed" label={t('reg.assessed')} value={f.poverty_assessed} onChange={set('poverty_assessed')} /> : null}
      </AddForm>
      <ListBlock name="households" list={list} rowKey={(h) => h.code} columns={[
        { key: 'head_name', label: t('reg.headName'), show: (h) => h.head_name, raw: (h) => h.head_name },
        { key: 'code', label: t('reg.code'), show: (h) => h.code, raw: (h) => h.code },
        { key: 'unit', label: t('ind.village'), show: (h) => h.unit.name, raw: (h) => h.unit.code },
        { key: 'size', label: t('reg.size'), show: (h) => formatNumber(lang, h.size), raw: (h) => h.size },
        { key: 'poverty', label: t('reg.poverty'), show: (h) => `${t(`poverty.${h.poverty}` as Key)}${h.poverty_assessed ? ` (${formatDate(lang, h.poverty_assessed)})` : ''}`, raw: (h) => h.poverty },
      ]} />
    </section>
  );
}

function OrganizationsTab(props: { unit: string; places: Unit[] }) {
  const t = useT();
  const lang = useStore(language);
  const list = useList<Organization>('organizations', props.unit);
  const blank = { code: '', kind: 'party_cell', name: '', unit: '', parent: '' };
  const [f, setF] = useState(blank);
  const set = (k: keyof typeof blank) => (v: string) => setF({ ...f, [k]: v });
  return (
    <section>
      <AddForm<Organization> title={t('reg.addOrganization')} path="/api/v1/organizations" onAdded={(o) => list.setRows((r) => [o, ...r])} reset={() => setF(blank)}
        body={() => ({ code: f.code.trim(), kind: f.kind, name: f.name.trim(), unit: f.unit, parent: f.parent.trim() || undefined })}>
        <Field name="code" label={t('reg.code')} value={f.code} set={set('code')} required help={t('reg.codeHelp')} />
        <label>{t('ind.kind')}
          <select name="kind" value={f.kind} onChange={(e) => set('kind')((e.target as HTMLSelectElement).value)}>
            {ORGANIZATION_KINDS.map((k) => <option key={k} value={k}>{t(`org.${k}` as Key)}</option>)}
          </select>
        </label>
        <Field name="name" label={t('reg.name')} value={f.name} set={set('name')} required />
        <UnitSelect label={t('dash.unit')} units={props.places} value={f.unit} set={set('unit')} />
        <Field name="parent" label={t('reg.parent')} value={f.parent} set={set('parent')} />
      </AddForm>
      <ListBlock name="organizations" list={list} rowKey={(o) => o.code} columns={[
        { key: 'name', label: t('reg.name'), show: (o) => o.name, raw: (o) => o.name },
        { key: 'code', label: t('reg.code'), show: (o) => o.code, raw: (o) => o.code },
        { key: 'kind', label: t('ind.kind'), show: (o) => t(`org.${o.kind}` as Key), raw: (o) => o.kind },
        { key: 'unit', label: t('dash.unit'), show: (o) => o.unit.name, raw: (o) => o.unit.code },
        { key: 'valid_from', label: t('dash.from'), show: (o) => formatDate(lang, o.valid_from), raw: (o) => o.valid_from ?? '' },
      ]} />
    </section>
  );
}

function PositionsTab(props: { unit: string }) {
  const t = useT();
  const lang = useStore(language);
  const today = provinceDay(zoneOffset.get());
  const list = useList<Position>('positions', props.unit, { at: today });
  const blank = { person: '', title: 'cell_secretary', organization: '', unit: '', from: today, elected: false };
  const [f, setF] = useState(blank);
  const [ending, setEnding] = useState<{ id: number; to: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof blank) => (v: string | boolean) => setF({ ...f, [k]: v });
  const end = (e: Event) => {
    e.preventDefault();
    if (!ending) return;
    api<{ id: number; to: string }>(`/api/v1/positions/${ending.id}/end`, { method: 'POST', body: { to: ending.to } })
      .then((r) => { list.setRows((rows) => rows.map((p) => (p.id === r.id ? { ...p, to: r.to } : p))); setEnding(null); })
      .catch(setError);
  };
  return (
    <section>
      <p class="help">{t('reg.positionsHelp')}</p>
      <AddForm<Position> title={t('reg.addPosition')} path="/api/v1/positions" onAdded={(p) => list.setRows((r) => [p, ...r])} reset={() => setF(blank)}
        body={() => ({
          person: f.person.trim(), title: f.title, organization: f.organization.trim() || undefined,
          unit: f.organization.trim() ? undefined : f.unit.trim(), from: f.from, elected: f.elected,
        })}>
        <Field name="person" label={t('reg.personCode')} value={f.person} set={set('person')} required />
        <label>{t('reg.titleField')}
          <select name="title" value={f.title} onChange={(e) => set('title')((e.target as HTMLSelectElement).value)}>
            {TITLES.map((k) => <option key={k} value={k}>{t(`title.${k}` as Key)}</option>)}
          </select>
        </label>
        <Field name="organization" label={t('reg.organizationCode')} value={f.organization} set={set('organization')} help={t('reg.placeHelp')} />
        <Field name="unit" label={t('reg.unitCode')} value={f.unit} set={set('unit')} />
        <DateInput name="from" label={t('dash.from')} value={f.from} onChange={set('from')} />
        <Check name="elected" label={t('reg.elected')} value={f.elected} set={set('elected')} />
      </AddForm>
      <ErrorBox error={error} />
      {ending ? (
        <form class="form inline" onSubmit={end}>
          <DateInput name="end" label={t('reg.lastDay')} value={ending.to} onChange={(v) => setEnding({ ...ending, to: v })} />
          <button type="submit">{t('reg.endTerm')}</button>
          <button type="button" class="secondary" onClick={() => setEnding(null)}>{t('reg.cancel')}</button>
        </form>
      ) : null}
      <ListBlock name="positions" list={list} rowKey={(p) => String(p.id)} columns={[
        { key: 'person', label: t('reg.name'), show: (p) => p.person.name, raw: (p) => p.person.code },
        { key: 'title', label: t('reg.titleField'), show: (p) => t(`title.${p.title}` as Key), raw: (p) => p.title },
        { key: 'place', label: t('dash.unit'), show: (p) => p.organization ?? p.unit, raw: (p) => p.organization ?? p.unit },
        { key: 'from', label: t('dash.from'), show: (p) => formatDate(lang, p.from), raw: (p) => p.from },
        { key: 'to', label: t('dash.to'), raw: (p) => p.to ?? '', show: (p) => (p.to ? formatDate(lang, p.to) : (
          <button type="button" class="link" onClick={() => setEnding({ id: p.id, to: today })}>{t('reg.endTerm')}<span class="sr-only"> {p.person.name}</span></button>
        )) },
        { key: 'elected', label: t('reg.elected'), show: (p) => yes(t, p.elected), raw: (p) => (p.elected ? 1 : 0) },
      ]} />
    </section>
  );
}

// Village-head elections (issue 16, point 1): planned with their candidates, then the result —
// the day, the households voting, each candidate's votes. The server names the winner (a tie is
// refused: the second round is its own election) and makes their term a village-head post,
// ending the head's open term the day before.
function ElectionsTab(props: { unit: string; villages: Unit[] }) {
  const t = useT();
  const lang = useStore(language);
  const today = provinceDay(zoneOffset.get());
  const list = useList<Election>('elections', props.unit);
  const blank = { code: '', unit: '', term_from: today, term_to: today, planned_on: today, candidates: '' };
  const [f, setF] = useState(blank);
  const set = (k: keyof typeof blank) => (v: string) => setF({ ...f, [k]: v });
  const [recording, setRecording] = useState<Election | null>(null);
  const candidates = (e: Election) => e.candidates.map((c) => (c.votes === null ? c.name : `${c.name}: ${formatNumber(lang, c.votes)}`)).join('; ');
  return (
    <section>
      <AddForm<Election> title={t('reg.addElection')} path="/api/v1/elections" onAdded={(e) => list.setRows((r) => [e, ...r])} reset={() => setF({ ...blank, unit: f.unit })}
        body={() => ({
          code: f.code.trim(), unit: f.unit, term_from: f.term_from, term_to: f.term_to, planned_on: f.planned_on,
          candidates: f.candidates.split(/[\s,;]+/).filter((c) => c),
        })}>
        <Field name="code" label={t('reg.code')} value={f.code} set={set('code')} required help={t('reg.codeHelp')} />
        <UnitSelect label={t('ind.village')} units={props.villages} value={f.unit} set={set('unit')} />
        <DateInput name="term-from" label={t('reg.termFrom')} value={f.term_from} onChange={set('term_from')} />
        <DateInput name="term-to" label={t('reg.termTo')} value={f.term_to} onChange={set('term_to')} />
        <DateInput name="planned-on" label={t('reg.plannedOn')} value={f.planned_on} onChange={set('planned_on')} />
        <Field name="candidates" label={t('reg.candidates')} value={f.candidates} set={set('candidates')} required help={t('reg.candidatesHelp')} />
      </AddForm>
      {recording ? (
        <ElectionResultForm election={recording} onDone={(e) => { list.setRows((rows) => rows.map((r) => (r.code === e.code ? e : r))); setRecording(null); }}
          onCancel={() => setRecording(null)} />
      ) : null}
      <ListBlock name="elections" list={list} rowKey={(e) => e.code} columns={[
        { key: 'code', label: t('reg.code'), show: (e) => e.code, raw: (e) => e.code },
        { key: 'unit', label: t('ind.village'), show: (e) => props.villages.find((u) => u.code === e.unit)?.name ?? e.unit, raw: (e) => e.unit },
        { key: 'term', label: t('reg.term'), show: (e) => `${formatDate(lang, e.term_from)} – ${formatDate(lang, e.term_to)}`, raw: (e) => `${e.term_from}/${e.term_to}` },
        { key: 'held_on', label: t('reg.heldOn'), raw: (e) => e.held_on ?? '', show: (e) => (e.held_on ? formatDate(lang, e.held_on) : (
          <button type="button" class="link" onClick={() => setRecording(e)}>{t('reg.recordResult')}<span class="sr-only"> {e.code}</span></button>
        )) },
        { key: 'households_voting', label: t('reg.householdsVoting'), show: (e) => (e.households_voting === null ? '' : formatNumber(lang, e.households_voting)), raw: (e) => e.households_voting ?? '' },
        { key: 'candidates', label: t('reg.candidates'), show: candidates, raw: (e) => e.candidates.map((c) => `${c.code}:${c.votes ?? ''}`).join(' ') },
        { key: 'winner', label: t('reg.winner'), show: (e) => e.candidates.find((c) => c.code === e.winner)?.name ?? '', raw: (e) => e.winner ?? '' },
      ]} />
    </section>
  );
}

function ElectionResultForm(props: { election: Election; onDone: (e: Election) => void; onCancel: () => void }) {
  const t = useT();
  const e = props.election;
  const [held, setHeld] = useState(provinceDay(zoneOffset.get()));
  const [households, setHouseholds] = useState('');
  const [votes, setVotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = (ev: Event) => {
    ev.preventDefault();
    setError(null);
    const counts = e.candidates.map((c) => Number(votes[c.code] ?? ''));
    const most = Math.max(...counts);
    // The server refuses a tie too (409); said here first, in the reader's words.
    if (counts.filter((n) => n === most).length > 1) {
      setError(new Error(t('reg.tie')));
      return;
    }
    setBusy(true);
    api<Election>(`/api/v1/elections/${encodeURIComponent(e.code)}/result`, {
      method: 'POST',
      body: { held_on: held, households_voting: Number(households), votes: Object.fromEntries(e.candidates.map((c, i) => [c.code, counts[i]])) },
    }).then(props.onDone)
      .catch((x) => setError(x instanceof ApiError && x.kind === 'conflict' ? new Error(t('reg.resultConflict')) : x))
      .finally(() => setBusy(false));
  };
  return (
    <form class="form" onSubmit={submit} aria-label={t('reg.resultOf', { code: e.code })}>
      <h2>{t('reg.resultOf', { code: e.code })}</h2>
      <DateInput name="held-on" label={t('reg.heldOn')} value={held} onChange={setHeld} />
      <Field name="households-voting" label={t('reg.householdsVoting')} type="number" min={1} required value={households} set={setHouseholds} />
      {e.candidates.map((c) => (
        <Field key={c.code} name={`votes-${c.code}`} label={t('reg.votesFor', { name: c.name })} type="number" min={0} required
          value={votes[c.code] ?? ''} set={(v) => setVotes({ ...votes, [c.code]: v })} />
      ))}
      <p class="help">{t('reg.resultHelp')}</p>
      <ErrorBox error={error} />
      <button type="submit" disabled={busy}>{t('reg.save')}</button>
      <button type="button" class="secondary" onClick={props.onCancel}>{t('reg.cancel')}</button>
    </form>
  );
}

function CsvTab(props: { unit: string }) {
  const t = useT();
  const [table, setTable] = useState<string>('people');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CsvImport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const upload = (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setResult(null);
    setBusy(true);
    file.text().then((text) => uploadCsv(table, text)).then(setResult).catch(setError).finally(() => setBusy(false));
  };
  return (
    <section>
      <p class="help">{t('reg.csvHelp')}</p>
      <form class="form" onSubmit={upload}>
        <label>{t('reg.table')}
          <select name="table" value={table} onChange={(e) => setTable((e.target as HTMLSelectElement).value)}>
            {REGISTRY_TABLES.map((k) => <option key={k} value={k}>{t(`reg.table.${k}` as Key)}</option>)}
          </select>
        </label>
        <label>{t('reg.file')}<input name="file" type="file" accept=".csv,text/csv" required onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} /></label>
        <ErrorBox error={error} />
        {error instanceof CsvRefused && error.lines.length ? (
          <ul class="errors" data-testid="csv-errors">
            {error.lines.slice(0, 100).map((l) => <li key={l.line}>{t('reg.line', { n: l.line })}: {l.message}</li>)}
          </ul>
        ) : null}
        {result ? <Notice>{t('reg.imported', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</Notice> : null}
        <button type="submit" disabled={busy || !file}>{t('reg.upload')}</button>
      </form>
      <h2>{t('reg.export')}</h2>
      <ul>
        {REGISTRY_TABLES.map((k) => (
          <li key={k}><a href={`/api/v1/exports/registry/${k}${query({ unit: props.unit })}`} download={`${k}-${props.unit}.csv`}>{t(`reg.table.${k}` as Key)}</a></li>
        ))}
      </ul>
    </section>
  );
}

// A village's facts on a day (households, electricity, …): its latest value of each kind, and a
// form to record a new one (a new day keeps the history; the server refuses a second value on
// the same day and a share larger than the village's households).
function FactsTab(props: { village: string }) {
  const t = useT();
  const lang = useStore(language);
  const today = provinceDay(zoneOffset.get());
  const [facts, setFacts] = useState<VillageFacts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [f, setF] = useState({ kind: 'households', as_of: today, value: '' });
  const [done, setDone] = useState('');
  const load = () => api<VillageFacts>(`/api/v1/indicators/village-facts${query({ unit: props.village })}`).then(setFacts).catch(setError);
  useEffect(() => { if (props.village) void load(); }, [props.village]);
  if (!props.village) return <p class="help">{t('reg.factsPickVillage')}</p>;
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone('');
    api('/api/v1/village-facts', { method: 'POST', body: { unit: props.village, kind: f.kind, as_of: f.as_of, value: Number(f.value) } })
      .then(() => { setDone(t('reg.saved')); setF({ ...f, value: '' }); return load(); })
      .catch((e) => setError(e instanceof ApiError && e.kind === 'conflict' ? new Error(t('reg.factTwice')) : e));
  };
  return (
    <section>
      <form class="form" onSubmit={submit}>
        <label>{t('ind.fact')}
          <select name="fact-kind" value={f.kind} onChange={(e) => setF({ ...f, kind: (e.target as HTMLSelectElement).value })}>
            {FACT_KINDS.map((k) => <option key={k} value={k}>{t(`fact.${k}` as Key)}</option>)}
          </select>
        </label>
        <DateInput name="as-of" label={t('reg.factDay')} value={f.as_of} onChange={(v) => setF({ ...f, as_of: v })} />
        <Field name="fact-value" label={t('ind.value')} type="number" min={0} required value={f.value} set={(v) => setF({ ...f, value: v })}
          help={t('reg.factHelp')} />
        <ErrorBox error={error} />
        {done ? <Notice>{done}</Notice> : null}
        <button type="submit">{t('reg.save')}</button>
      </form>
      {facts ? (
        <Table name={`facts-${props.village}`} testid="village-facts" rows={Object.entries(facts.facts).filter(([, x]) => x.villages > 0)} rowKey={([k]) => k} columns={[
          { key: 'kind', label: t('ind.fact'), show: ([k]) => t(`fact.${k}` as Key), raw: ([k]) => k },
          { key: 'value', label: t('ind.value'), show: ([, x]) => formatNumber(lang, x.value), raw: ([, x]) => x.value },
          { key: 'rate', label: t('ind.rate'), show: ([, x]) => formatRate(lang, x.rate), raw: ([, x]) => x.rate ?? '' },
        ]} />
      ) : null}
    </section>
  );
}
