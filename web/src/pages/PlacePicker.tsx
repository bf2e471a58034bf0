// Village picked by name: the server folds diacritics, so "ban moi" finds "Bản Mới". Without a
// connection the same search runs on the phone over the places kept from the last visit
// (store.ts, loadPlaces), so a report can be written offline.
import { useEffect, useState } from 'preact/hooks';
import { api, query, type Unit } from '../api';
import { searchPlaces } from '../place_search';
import { cachedPlaces, loadPlaces, useT } from '../store';

function localSearch(q: string): Unit[] {
  return searchPlaces(cachedPlaces(), q).map((p) => ({
    code: p.code, name: p.name, level: p.level, parent: null, parent_name: p.commune ?? undefined,
  }));
}

export function PlacePicker(props: { value: Unit | null; onChange: (u: Unit | null) => void; invalid?: boolean }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Unit[] | null>(null);
  useEffect(() => { void loadPlaces(); }, []);
  useEffect(() => {
    if (q.trim().length < 2) { setFound(null); return; }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      if (!navigator.onLine) { setFound(localSearch(q)); return; }
      api<{ units: Unit[] }>(`/api/v1/units${query({ q: q.trim() })}`, { signal: ctl.signal })
        .then((r) => setFound(r.units))
        .catch(() => { if (!ctl.signal.aborted) setFound(localSearch(q)); });
    }, 250);
    return () => { clearTimeout(timer); ctl.abort(); };
  }, [q]);
  if (props.value) {
    const u = props.value;
    return (
      <div class="chosen" role="group" aria-label={t('report.place')}>
        <span>{t('report.placeChosen', { name: u.parent_name ? `${u.name}, ${u.parent_name}` : u.name })}</span>{' '}
        <button type="button" class="link" onClick={() => props.onChange(null)}>{t('report.placeChange')}</button>
      </div>
    );
  }
  return (
    <div class="picker">
      <label>
        {t('report.place')}
        <input name="place" type="search" autoComplete="off" value={q} aria-describedby="place-help"
          aria-invalid={props.invalid ? 'true' : undefined}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </label>
      <p id="place-help" class="help">{t('report.placeHelp')}</p>
      {found && found.length === 0 ? <p role="status">{t('report.placeNone')}</p> : null}
      {found && found.length > 0 ? (
        <ul class="choices" aria-label={t('report.place')}>
          {found.map((u) => (
            <li key={u.code}>
              <button type="button" class="choice" onClick={() => props.onChange(u)}>
                {u.name}{u.parent_name ? <span class="muted"> · {u.parent_name}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
