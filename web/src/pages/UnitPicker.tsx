// A commune, then one of its villages: the two selects the registry and the roster share. The
// communes are those the signed-in officer manages (a commune officer: their own; a supervisor:
// every commune, or those of `within`); the villages of the chosen commune are fetched when it is
// chosen (`GET /api/v1/units?parent=`).
import { useEffect, useState } from 'preact/hooks';
import { api, query, type Unit } from '../api';
import { readJson, session, useStore, useT, writeJson } from '../store';

// One request per parent at a time, however many pickers and forms of a page ask for it.
const asked = new Map<string, Promise<Unit[]>>();
function fetchUnits(parent: string): Promise<Unit[]> {
  let p = asked.get(parent);
  if (!p) {
    p = api<{ units: Unit[] }>(`/api/v1/units${query({ parent })}`)
      .then((r) => [...r.units].sort((a, b) => a.name.localeCompare(b.name)))
      .finally(() => asked.delete(parent));
    asked.set(parent, p);
  }
  return p;
}

// Kept in localStorage (public reference data), so the roster's selects work offline.
export function useUnits(parent = ''): Unit[] {
  const key = `jb.units:${parent}`;
  const [units, setUnits] = useState<Unit[]>(() => readJson<Unit[]>(key) ?? []);
  useEffect(() => {
    // Only the answer for the parent asked last counts: the province's list, asked first and
    // larger, came back after a commune's and replaced its villages (seen in the browser test).
    let current = true;
    setUnits(readJson<Unit[]>(key) ?? []);
    fetchUnits(parent)
      .then((sorted) => {
        writeJson(key, sorted);
        if (current) setUnits(sorted);
      })
      .catch(() => undefined);
    return () => { current = false; };
  }, [parent]);
  return units;
}

export interface Picked { commune: string; village: string }

export function UnitPicker(props: { value: Picked; onChange: (p: Picked) => void; within?: string; villageRequired?: boolean }) {
  const t = useT();
  const s = useStore(session);
  const top = useUnits();
  const villages = useUnits(props.value.commune);
  const mine = s?.user.unit;
  const managed = top.filter((u) => u.level === 'commune' && u.live !== false && (mine?.level === 'province' || u.code === mine?.code));
  // Within a campaign's place: the province's communes, or the commune itself (a village's
  // campaign keeps every managed commune: the server refuses a person outside it).
  const inside = managed.filter((u) => props.within === u.parent || props.within === u.code);
  const communes = props.within && inside.length ? inside : managed;
  useEffect(() => {
    if (!props.value.commune && communes.length === 1) props.onChange({ commune: communes[0].code, village: '' });
  }, [communes.length]);
  return (
    <div class="form inline">
      <label>{t('roster.commune')}
        <select name="commune" value={props.value.commune} onChange={(e) => props.onChange({ commune: (e.target as HTMLSelectElement).value, village: '' })}>
          <option value="">—</option>
          {communes.map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
        </select>
      </label>
      <label>{t('ind.village')}
        <select name="village" value={props.value.village} required={props.villageRequired} onChange={(e) => props.onChange({ ...props.value, village: (e.target as HTMLSelectElement).value })}>
          <option value="">—</option>
          {villages.filter((u) => u.level === 'village').map((u) => <option key={u.code} value={u.code}>{u.name}</option>)}
        </select>
      </label>
    </div>
  );
}
