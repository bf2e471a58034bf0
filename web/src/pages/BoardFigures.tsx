// What the public board shows of the registry (issue 16): the awardees of the latest decided
// award cycle (names and units, never a contact), and for a commune its "two shoulders" rate,
// the people and workdays its residents gave to campaigns, and its village facts. Every figure
// is public and computed by the server from records.
import { useEffect, useState } from 'preact/hooks';
import { api, query, type Unit } from '../api';
import { formatDate, formatNumber, formatRate } from '../i18n';
import type { AwardCycle, Awardee, Concurrency, Listed, Mobilization, VillageFacts } from '../registry_api';
import { language, useStore, useT } from '../store';

// The awardees of the most recent decided cycle; within a commune, only its own people.
export function Awardees(props: { commune?: string; units?: Unit[] }) {
  const t = useT();
  const lang = useStore(language);
  const [cycle, setCycle] = useState<AwardCycle | null>(null);
  const [awardees, setAwardees] = useState<Awardee[]>([]);
  useEffect(() => {
    api<Listed<'awards', AwardCycle>>(`/api/v1/awards${query({ limit: 100 })}`)
      .then((r) => {
        const decided = r.awards.filter((c) => c.decision).sort((a, b) => (b.decision?.date ?? '').localeCompare(a.decision?.date ?? ''));
        if (!decided.length) return;
        setCycle(decided[0]);
        return api<{ awardees: Awardee[] }>(`/api/v1/awards/${encodeURIComponent(decided[0].code)}/awardees`).then((a) => setAwardees(a.awardees));
      })
      .catch(() => undefined);
  }, []);
  const parentOf = new Map((props.units ?? []).map((u) => [u.code, u.parent]));
  const shown = props.commune ? awardees.filter((a) => a.unit.code === props.commune || parentOf.get(a.unit.code) === props.commune) : awardees;
  if (!cycle || !cycle.decision || (props.commune && !shown.length)) return null;
  return (
    <section aria-labelledby="awardees-h">
      <h2 id="awardees-h">{t('board.awardees')}</h2>
      <p class="help">{t('board.awardeesHelp', { title: cycle.title, number: cycle.decision.number, date: formatDate(lang, cycle.decision.date), n: formatNumber(lang, awardees.length) })}</p>
      <ul class="awardees" data-testid="awardees">
        {shown.map((a) => <li key={a.person}><strong>{a.name}</strong> <span class="muted">· {a.unit.name}</span></li>)}
      </ul>
    </section>
  );
}

export function CommuneFigures(props: { unit: string }) {
  const t = useT();
  const lang = useStore(language);
  const [c, setC] = useState<Concurrency | null>(null);
  const [m, setM] = useState<Mobilization | null>(null);
  const [f, setF] = useState<VillageFacts | null>(null);
  useEffect(() => {
    const u = query({ unit: props.unit });
    api<Concurrency>(`/api/v1/indicators/concurrency${u}`).then(setC).catch(() => undefined);
    api<Mobilization>(`/api/v1/indicators/mobilization${u}`).then(setM).catch(() => undefined);
    api<VillageFacts>(`/api/v1/indicators/village-facts${u}`).then(setF).catch(() => undefined);
  }, [props.unit]);
  const share = (kind: string) => f?.facts[kind];
  const facts = ['poor_households', 'households_with_electricity', 'households_with_clean_water'] as const;
  return (
    <section aria-labelledby="commune-figures-h">
      <h2 id="commune-figures-h">{t('board.figures')}</h2>
      <dl class="figures" data-testid="commune-figures">
        {c && c.rate !== null ? (
          <div><dt>{t('ind.concurrency')}</dt><dd data-testid="board-concurrency">{formatRate(lang, c.rate)}</dd>
            <dd class="help">{t('ind.villagesOf', { n: formatNumber(lang, c.concurrent), of: formatNumber(lang, c.villages) })}</dd></div>
        ) : null}
        {m ? (
          <>
            <div><dt>{t('board.mobilized')}</dt><dd data-testid="board-people">{formatNumber(lang, m.total.people)}</dd></div>
            <div><dt>{t('ind.workdays')}</dt><dd>{formatNumber(lang, m.total.workdays)}</dd></div>
          </>
        ) : null}
        {facts.map((k) => {
          const x = share(k);
          return x && x.rate ? (
            <div key={k}><dt>{t(`fact.${k}`)}</dt><dd>{formatRate(lang, x.rate)}</dd>
              <dd class="help">{t('ind.householdsOf', { n: formatNumber(lang, x.value), of: formatNumber(lang, x.of ?? 0) })}</dd></div>
          ) : null;
        })}
      </dl>
    </section>
  );
}
