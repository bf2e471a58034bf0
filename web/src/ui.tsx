// Small pieces the pages share.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError, type CaseEvent } from './api';
import { joinDate, monthNames, splitDate } from './dates';
import { formatDate, type Key } from './i18n';
import { language, useStore, useT } from './store';

export function Page(props: { title: string; children: ComponentChildren }) {
  const h = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Jembatan`;
    h.current?.focus();
  }, [props.title]);
  return (
    <section class="page">
      <h1 tabIndex={-1} ref={h}>{props.title}</h1>
      {props.children}
    </section>
  );
}

// The API's fields, named as the forms name them.
const FIELD_LABELS: Record<string, Key> = {
  body: 'report.body', unit: 'report.place', category: 'report.category', 'reporter.phone': 'report.phone',
  'reporter.name': 'report.name', 'on_behalf_of.phone': 'report.phone', 'on_behalf_of.name': 'report.name',
  answer: 'case.answer', reason: 'case.reason', assignee: 'case.assignee', into: 'case.mergeInto',
  note: 'case.internal', update: 'case.update',
  candidates: 'reg.candidates', term_to: 'reg.termTo', planned_on: 'reg.plannedOn', held_on: 'reg.heldOn',
  households_voting: 'reg.householdsVoting', votes: 'reg.candidates',
};

// What went wrong, in the reader's language, chosen by the problem's stable `type` (never the
// server's English detail, which stays in the title attribute for support).
export function errorMessage(t: (key: Key, vars?: Record<string, string | number>) => string, error: unknown): string {
  if (error instanceof ApiError) {
    const label = error.field ? FIELD_LABELS[error.field] : undefined;
    if (label && (error.kind === 'invalid-input' || error.kind === 'unknown-reference')) {
      return t(`error.${error.kind}-field` as Key, { field: t(label) });
    }
    const text = t(`error.${error.kind}` as Key) as string | undefined; // undefined: a new type
    return text || t('error.unknown', { status: error.status });
  }
  if (error instanceof TypeError) return t('error.network'); // fetch without a connection
  if (error instanceof Error) return error.message; // our own words (form checks)
  return String(error);
}

// How long a 429 asks to wait, in words: "40 seconds", "2 minutes" (rounded up); a minute when
// the server did not say.
export function waitWords(t: (key: Key, vars?: Record<string, string | number>) => string, seconds?: number): string {
  const s = seconds && seconds > 0 ? seconds : 60;
  return s < 60 ? t('wait.seconds', { n: s }) : t('wait.minutes', { n: Math.ceil(s / 60) });
}

export function ErrorBox(props: { error: unknown }) {
  const t = useT();
  if (!props.error) return null;
  const detail = props.error instanceof ApiError ? props.error.detail : undefined;
  return <p class="error" role="alert" title={detail}>{errorMessage(t, props.error)}</p>;
}

export function Notice(props: { children: ComponentChildren }) {
  return <p class="notice" role="status">{props.children}</p>;
}

export function StatusBadge(props: { status: string; overdue?: boolean }) {
  const t = useT();
  return (
    <span class={`badge s-${props.status}`}>
      {t(`status.${props.status}` as Key)}
      {props.overdue ? ` · ${t('track.overdue')}` : ''}
    </span>
  );
}

export function Timeline(props: { events: CaseEvent[] }) {
  const t = useT();
  const lang = useStore(language);
  return (
    <ol class="timeline">
      {props.events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{formatDate(lang, e.at, true)}</time>{' '}
          <strong>{t(`event.${e.kind}` as Key)}</strong>
          {e.update ? <span class="update"> — {e.update}</span> : null}
          {e.note ? <div class="note internal">{t('case.internal')}: {e.note}</div> : null}
        </li>
      ))}
    </ol>
  );
}

// A picture for each category, so the form can be used by people who read little. Drawn as
// SVG shipped with the app: emoji showed as empty boxes on machines without an emoji font.
const ICON_PATHS: Record<string, string> = {
  roads_bridges: 'M2 17h20M5 17v-5M19 17v-5M12 17v-6M3 12c5-7 13-7 18 0',
  irrigation_works: 'M12 3c4 5 6 8 6 11a6 6 0 0 1-12 0c0-3 2-6 6-11zM9 15a3 3 0 0 0 3 3',
  water_pollution: 'M12 3c4 5 6 8 6 11a6 6 0 0 1-12 0c0-3 2-6 6-11zM9 11l6 6M15 11l-6 6',
  health: 'M10 4h4v6h6v4h-6v6h-4v-6H4v-4h6z',
  social_welfare: 'M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.5A4 4 0 0 1 19 10c0 5.5-7 10-7 10z',
  land_dispute: 'M3 5h18v14H3zM12 5v3M12 10v4M12 16v3',
  forest_land_dispute: 'M12 3l6 8h-4l5 6H5l5-6H6zM12 17v4',
  site_clearance: 'M3 9h18v5H3zM7 9l-3 5M13 9l-3 5M19 9l-3 5M6 14v6M18 14v6',
  land_donation_support: 'M4 11h16v9H4zM3 7h18v4H3zM12 7v13M12 7c-2-4-6-3-5 0M12 7c2-4 6-3 5 0',
  disaster_damage: 'M7 14a4 4 0 1 1 1-7.9A5 5 0 0 1 18 8a3 3 0 0 1 0 6M13 12l-2 4h3l-2 5',
  security_order: 'M12 3l8 3v6c0 5-4 8-8 9-4-1-8-4-8-9V6zM9 12l2 2 4-4',
  admin_procedures: 'M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7',
  culture_customs: 'M6 8h12v8H6zM6 8l6-5 6 5M6 16l6 5 6-5M9 11h6M9 13h6',
  ethnic_religious: 'M3 11l9-7 9 7M5 10v10h14V10M10 20v-5h4v5',
  other: 'M4 5h16v11H9l-5 4z',
};
export function CategoryIcon(props: { code: string }) {
  return (
    <svg class="cat-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"
      fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
      <path d={ICON_PATHS[props.code] ?? ICON_PATHS.other} />
    </svg>
  );
}

// Downloads rows as CSV (RFC 4180 quoting), built in the browser from what the page shows.
export function downloadCsv(filename: string, header: string[], rows: (string | number)[][]): void {
  const q = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// A date typed in the app's language (the browser's date input follows the browser's locale):
// day, month by name, year. `value` and `onChange` use YYYY-MM-DD.
export function DateInput(props: { name: string; label: string; value: string; onChange: (v: string) => void }) {
  const t = useT();
  const lang = useStore(language);
  const { year, month, day } = splitDate(props.value);
  const set = (y: number, m: number, d: number) => props.onChange(joinDate(y, m, d));
  const num = (e: Event) => Number((e.target as HTMLInputElement).value);
  return (
    <fieldset class="date-input">
      <legend>{props.label}</legend>
      <label>{t('date.day')}
        <input name={`${props.name}-day`} type="number" inputMode="numeric" min={1} max={31} value={day}
          onChange={(e) => set(year, month, num(e))} />
      </label>
      <label>{t('date.month')}
        <select name={`${props.name}-month`} value={month} onChange={(e) => set(year, num(e), day)}>
          {monthNames(lang).map((n, i) => <option key={n} value={i + 1}>{n}</option>)}
        </select>
      </label>
      <label>{t('date.year')}
        <input name={`${props.name}-year`} type="number" inputMode="numeric" min={2000} max={2100} value={year}
          onChange={(e) => set(num(e), month, day)} />
      </label>
    </fieldset>
  );
}

// "Download CSV" for rows a page shows (the dashboard's tables and figures, every Table).
export function CsvButton(props: { name: string; header: string[]; rows: (string | number)[][] }) {
  const t = useT();
  return (
    <button type="button" class="link" onClick={() => downloadCsv(props.name, props.header, props.rows)}>
      {t('dash.csv')}
    </button>
  );
}

// A table of what a page shows, with a CSV button under it built from the same columns: the
// file holds the raw values (codes, numbers, dates as YYYY-MM-DD), the page the formatted ones.
export interface Column<R> {
  key: string; // the CSV header
  label: string;
  show: (r: R) => ComponentChildren;
  raw: (r: R) => string | number;
}
export function Table<R>(props: { name: string; rows: R[]; columns: Column<R>[]; rowKey: (r: R) => string; testid?: string; caption?: string }) {
  const [first, ...rest] = props.columns;
  return (
    <>
      <table class="list" data-testid={props.testid}>
        {props.caption ? <caption class="sr-only">{props.caption}</caption> : null}
        <thead><tr>{props.columns.map((c) => <th key={c.key} scope="col">{c.label}</th>)}</tr></thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={props.rowKey(r)}>
              <td>{first.show(r)}</td>
              {rest.map((c) => <td key={c.key} data-label={c.label}>{c.show(r)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {props.rows.length ? (
        <p class="csv">
          <CsvButton name={`${props.name}.csv`} header={props.columns.map((c) => c.key)} rows={props.rows.map((r) => props.columns.map((c) => c.raw(r)))} />
        </p>
      ) : null}
    </>
  );
}
