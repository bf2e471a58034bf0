// Small pieces the pages share.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError, type CaseEvent } from './api';
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

// A picture for each category, so the form can be used by people who read little.
const ICONS: Record<string, string> = {
  roads_bridges: '🌉', irrigation_works: '💧', water_pollution: '🚱', health: '🏥',
  social_welfare: '🤝', land_dispute: '📐', forest_land_dispute: '🌲', site_clearance: '🚧',
  land_donation_support: '🎁', disaster_damage: '⛈️', security_order: '🛡️',
  admin_procedures: '📄', culture_customs: '🎎', ethnic_religious: '🕌', other: '💬',
};
export function categoryIcon(code: string): string {
  return ICONS[code] ?? '💬';
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
