// Follow a case by its code: status, due date, answer, timeline; with the PIN, confirm or
// dispute the answer.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, fetchCaseWithEvents, type Case, type CaseEvent } from '../api';
import { formatDate } from '../i18n';
import { navigate } from '../router';
import { language, useStore, useT } from '../store';
import { ErrorBox, Notice, Page, StatusBadge, Timeline } from '../ui';

export function Track(props: { params: string[] }) {
  const t = useT();
  const code = props.params[0]?.toUpperCase() ?? '';
  const [input, setInput] = useState(code);
  return (
    <Page title={t('track.title')}>
      <form class="form inline" onSubmit={(e) => { e.preventDefault(); navigate(`/track/${encodeURIComponent(input.trim().toUpperCase())}`); }}>
        <label>
          {t('track.code')}
          <input name="code" required maxLength={16} autoCapitalize="characters" value={input}
            onInput={(e) => setInput((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('track.go')}</button>
      </form>
      {code ? <CaseView key={code} code={code} /> : null}
    </Page>
  );
}

function CaseView(props: { code: string }) {
  const t = useT();
  const lang = useStore(language);
  const [c, setC] = useState<Case | null>(null);
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [pin, setPin] = useState('');
  const [done, setDone] = useState('');
  const load = () => {
    fetchCaseWithEvents(props.code)
      .then(([k, e]) => { setC(k); setEvents(e); setError(null); })
      .catch(setError);
  };
  useEffect(load, [props.code]);
  if (error instanceof ApiError && error.status === 404) return <p class="error" role="alert">{t('track.notFound')}</p>;
  if (error && !c) return <ErrorBox error={error} />;
  if (!c) return <p role="status">{t('app.loading')}</p>;
  const respond = async (solved: boolean) => {
    setError(null);
    try {
      await api<Case>(`/api/v1/cases/${c.code}/feedback`, { method: 'POST', body: { solved }, pin: pin.trim() });
      setDone(solved ? t('track.confirmed') : t('track.disputed'));
      load();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <article class="case" aria-labelledby="case-code">
      <h2 id="case-code">{c.code}</h2>
      <dl class="facts">
        <dt>{t('track.status')}</dt><dd><StatusBadge status={c.status} overdue={c.overdue} /></dd>
        <dt>{t('track.handledBy')}</dt><dd>{c.assigned_unit.name}</dd>
        {c.unit ? <><dt>{t('track.place')}</dt><dd>{c.unit.name}</dd></> : null}
        <dt>{t('track.filed')}</dt><dd>{formatDate(lang, c.created_at)}</dd>
        <dt>{t('track.due')}</dt><dd>{formatDate(lang, c.due.resolve)}</dd>
      </dl>
      {c.visibility !== 'public' ? <p>{t('track.private')}</p> : c.body ? <p class="body">{c.body}</p> : null}
      <h3>{t('track.answer')}</h3>
      {c.answer ? <p class="answer">{c.answer}</p> : <p>{t('track.noAnswer')}</p>}
      {c.reject_reason ? <p>{t('track.rejected', { reason: c.reject_reason })}</p> : null}
      {c.status === 'resolved' ? (
        <div class="feedback">
          <label>
            {t('track.pin')}
            <input name="pin" inputMode="numeric" autoComplete="off" maxLength={6} value={pin}
              onInput={(e) => setPin((e.target as HTMLInputElement).value)} aria-describedby="pin-help" />
          </label>
          <p id="pin-help" class="help">{t('track.pinHelp')}</p>
          <button type="button" onClick={() => void respond(true)} disabled={pin.trim().length < 4}>{t('track.confirm')}</button>{' '}
          <button type="button" class="secondary" onClick={() => void respond(false)} disabled={pin.trim().length < 4}>{t('track.dispute')}</button>
        </div>
      ) : null}
      {done ? <Notice>{done}</Notice> : null}
      <ErrorBox error={error} />
      <h3>{t('track.timeline')}</h3>
      <Timeline events={events} />
    </article>
  );
}
