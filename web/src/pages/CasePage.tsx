// One case for staff: the facts, the reporter's contact (only for the handling unit: the API
// leaves it out otherwise), the timeline, and every action this caller may run (the API's
// allowed_actions), each with the input it needs. Every action carries two optional texts, kept
// apart on purpose: a public update (the timeline and the reporter's notice) and an internal
// note (staff only). The commune where another unit's case lies observes: it may only note.
import { useEffect, useState } from 'preact/hooks';
import { api, fetchCaseWithEvents, type Case, type CaseEvent, type Contact, type Unit } from '../api';
import { matchesWords } from '../place_search';
import { formatDate, formatNumber, type Key } from '../i18n';
import { distanceKm, placeCentre } from '../map_points';
import { language, useCategoryName, usePlaces, useStore, useT } from '../store';
import { PointsMap } from './LazyMaps';
import { ErrorBox, Notice, Page, StatusBadge, Timeline } from '../ui';

// The field each action needs, if any (app/cases/case_commands.h).
const NEEDS: Record<string, { field: string; label: Key; multiline?: boolean } | undefined> = {
  assign: { field: 'assignee', label: 'case.assignee' },
  resolve: { field: 'answer', label: 'case.answer', multiline: true },
  reject: { field: 'reason', label: 'case.reason', multiline: true },
  transfer: { field: 'unit', label: 'case.transferTo' },
  merge: { field: 'into', label: 'case.mergeInto' },
};

// Transfer: the live communes and departments, found by name (diacritics ignored).
function UnitChoice(props: { value: string; onChange: (code: string) => void; exclude: string }) {
  const t = useT();
  const [units, setUnits] = useState<Unit[]>([]);
  const [q, setQ] = useState('');
  useEffect(() => {
    api<{ units: Unit[] }>('/api/v1/units')
      .then((r) => setUnits(r.units.filter((u) => (u.level === 'commune' || u.level === 'department') && u.code !== props.exclude && u.live !== false)
        .sort((a, b) => a.name.localeCompare(b.name))))
      .catch(() => setUnits([]));
  }, []);
  const chosen = units.find((u) => u.code === props.value);
  const found = q.trim() ? units.filter((u) => matchesWords(q, u.name, u.code)).slice(0, 12) : [];
  return (
    <div class="picker">
      <label>{t('case.transferTo')}
        <input name="unit-search" type="search" autoComplete="off" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </label>
      {chosen ? <p role="status">{t('report.placeChosen', { name: chosen.name })}</p> : null}
      {found.length ? (
        <ul class="choices" aria-label={t('case.transferTo')}>
          {found.map((u) => (
            <li key={u.code}><button type="button" class={`choice${u.code === props.value ? ' on' : ''}`} onClick={() => props.onChange(u.code)}>{u.name}</button></li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

// Assign: the staff of the handling unit (GET …/assignees), by name.
function AssigneeChoice(props: { code: string; value: string; onChange: (name: string) => void }) {
  const t = useT();
  const [people, setPeople] = useState<{ name: string; role: string; unit: string }[]>([]);
  useEffect(() => {
    api<{ assignees: { name: string; role: string; unit: string }[] }>(`/api/v1/cases/${props.code}/assignees`)
      .then((r) => setPeople(r.assignees)).catch(() => setPeople([]));
  }, [props.code]);
  return (
    <label>{t('case.assignee')}
      <select name="assignee" required value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        <option value="">—</option>
        {people.map((p) => <option key={p.name} value={p.name}>{p.name} · {p.unit}</option>)}
      </select>
    </label>
  );
}

function ContactLine(props: { c: Contact | null | undefined }) {
  const t = useT();
  if (!props.c || (!props.c.name && !props.c.phone)) return <>{t('case.noContact')}</>;
  return <>{props.c.name} {props.c.phone ? <a href={`tel:${props.c.phone}`}>{props.c.phone}</a> : null}</>;
}

export default function CasePage(props: { params: string[] }) {
  const t = useT();
  const lang = useStore(language);
  const catName = useCategoryName();
  const code = props.params[0];
  const [c, setC] = useState<Case | null>(null);
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [update, setUpdate] = useState('');
  const load = () => {
    fetchCaseWithEvents(code)
      .then(([k, e]) => { setC(k); setEvents(e); })
      .catch(setError);
  };
  useEffect(load, [code]);

  const run = async (action: string) => {
    const need = NEEDS[action];
    if (need && open !== action) { setOpen(action); setValue(''); return; }
    const body: Record<string, string> = {};
    if (need) body[need.field] = value.trim();
    if (note.trim()) body.note = note.trim();
    if (update.trim() && c?.access === 'handler') body.update = update.trim();
    setError(null);
    try {
      await api<Case>(`/api/v1/cases/${code}/actions/${action}`, { method: 'POST', body });
      setOpen(null);
      setNote('');
      setUpdate('');
      setDone(t('case.done', { action: t(`action.${action}` as Key) }));
      // The full view again (contact, photos, timeline), not only what the action returned.
      const [k, e] = await fetchCaseWithEvents(code);
      setC(k);
      setEvents(e);
    } catch (err) {
      setError(err);
    }
  };

  if (!c) return <Page title={t('case.title', { code })}><ErrorBox error={error} />{error ? null : <p role="status">{t('app.loading')}</p>}</Page>;
  const mine = Array.isArray(c.allowed_actions);
  const observer = c.access === 'observer';
  const texts = (
    <>
      {observer ? null : (
        <label>{t('case.update')}
          <textarea name="update" rows={2} maxLength={2000} value={update} onInput={(e) => setUpdate((e.target as HTMLTextAreaElement).value)} />
        </label>
      )}
      <label class="internal">{t('case.note')}
        <textarea name="note" rows={2} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
    </>
  );
  const need = open ? NEEDS[open] : undefined;
  return (
    <Page title={t('case.title', { code: c.code })}>
      <dl class="facts">
        <dt>{t('track.status')}</dt><dd><StatusBadge status={c.status} overdue={c.overdue} /></dd>
        <dt>{t('inbox.category')}</dt><dd>{catName(c.category)}{c.beyond_level ? ` · ${t('inbox.beyond')}` : ''}</dd>
        <dt>{t('track.place')}</dt><dd>{c.unit?.name}</dd>
        <dt>{t('track.handledBy')}</dt><dd>{c.assigned_unit.name}</dd>
        <dt>{t('track.filed')}</dt><dd>{formatDate(lang, c.created_at, true)}</dd>
        <dt>{t('track.due')}</dt><dd>{formatDate(lang, c.due.resolve)}</dd>
        {mine && !observer ? <><dt>{t('case.reporter')}</dt><dd data-testid="reporter"><ContactLine c={c.reporter} /></dd></> : null}
        {mine && c.on_behalf_of ? <><dt>{t('case.onBehalf')}</dt><dd><ContactLine c={c.on_behalf_of} /></dd></> : null}
      </dl>
      {c.title ? <p><strong>{c.title}</strong></p> : null}
      {c.body ? <p class="body">{c.body}</p> : null}
      {c.answer ? <><h2>{t('track.answer')}</h2><p class="answer">{c.answer}</p></> : null}
      <CaseLocation c={c} />
      {c.media && c.media.length ? (
        <><h2>{t('case.photos')}</h2>
          <p>{c.media.filter((m) => m.status === 'stored').map((m) => (
            <a key={m.id} href={m.url}><img class="thumb" src={m.url} alt={`${t('case.photos')} ${m.id}`} /></a>
          ))}</p></>
      ) : null}
      {!mine ? <p class="notice" data-testid="not-yours">{t('case.notYours')}</p> : (
        <section aria-labelledby="actions-h">
          <h2 id="actions-h">{t('case.actions')}</h2>
          {observer ? <p class="notice" data-testid="observer">{t('case.observer', { unit: c.assigned_unit.name })}</p> : null}
          {!open ? <div class="form">{texts}</div> : null}
          {c.allowed_actions!.length === 0 ? <p>{t('case.noActions')}</p> : (
            <div class="actions">
              {c.allowed_actions!.map((a) => (
                <button key={a} type="button" class={a === 'reject' ? 'secondary' : ''} aria-expanded={NEEDS[a] ? open === a : undefined}
                  onClick={() => void run(a)}>{t(`action.${a}` as Key)}</button>
              ))}
            </div>
          )}
          {open && need ? (
            <form class="form" onSubmit={(e) => { e.preventDefault(); void run(open); }}>
              {open === 'transfer' ? <UnitChoice value={value} onChange={setValue} exclude={c.assigned_unit.code} />
                : open === 'assign' ? <AssigneeChoice code={c.code} value={value} onChange={setValue} />
                : (
                  <label>{t(need.label)}
                    {need.multiline
                      ? <textarea name={need.field} rows={4} required maxLength={5000} value={value} onInput={(e) => setValue((e.target as HTMLTextAreaElement).value)} />
                      : <input name={need.field} required maxLength={64} value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />}
                  </label>
                )}
              {texts}
              <button type="submit">{t(`action.${open}` as Key)}</button>{' '}
              <button type="button" class="secondary" onClick={() => setOpen(null)}>{t('app.back')}</button>
            </form>
          ) : null}
        </section>
      )}
      {done ? <Notice>{done}</Notice> : null}
      <ErrorBox error={error} />
      <h2>{t('track.timeline')}</h2>
      <Timeline events={events} />
    </Page>
  );
}

// Where the case is: the reporter's pin, with the village centre for scale; without a pin the
// village centre, said to be one. The centres come from the places list (store.ts, loadPlaces).
function CaseLocation(props: { c: Case }) {
  const t = useT();
  const lang = useStore(language);
  const places = usePlaces();
  const loc = props.c.location;
  const village = props.c.unit ? placeCentre(props.c.unit.code, places) : null;
  const points = [
    ...(loc ? [{ ...loc, name: t('case.mapPin'), strong: true }] : []),
    ...(village ? [{ ...village, name: loc ? village.name : t('case.mapVillage', { name: village.name }) }] : []),
  ];
  return (
    <section aria-labelledby="where-h">
      <h2 id="where-h">{t('case.where')}</h2>
      {points.length === 0 ? <p>{t('case.mapNone')}</p> : (
        <>
          <p class="help" data-testid="case-where">
            {loc ? `${t('case.mapPin')}: ${loc.lat.toFixed(5)}, ${loc.lon.toFixed(5)}` : points[0].name}
            {loc && village && distanceKm(loc, village) >= 2 ? ` · ${t('case.mapFar', { km: formatNumber(lang, distanceKm(loc, village), 0), name: village.name })}` : ''}
          </p>
          <PointsMap points={points} label={t('case.mapLabel')} zoomForOne={14} />
        </>
      )}
    </section>
  );
}
