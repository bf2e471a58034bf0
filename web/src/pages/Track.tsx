// Follow a case by its code: status, due date, answer, timeline. With the PIN, at any time, the
// reporter sees their own report in full (words, photos, every public update) and, once it is
// answered, confirms or disputes the answer.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, fetchCaseWithEvents, fetchPhotoUrl, type Case, type CaseEvent } from '../api';
import { formatDate } from '../i18n';
import { navigate } from '../router';
import { language, useStore, useT } from '../store';
import { ErrorBox, Notice, Page, StatusBadge, Timeline, waitWords } from '../ui';

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

// The reporter's photos, fetched with the PIN (an <img> cannot send it).
function PinPhotos(props: { media: NonNullable<Case['media']>; pin: string }) {
  const t = useT();
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    let made: string[] = [];
    let live = true;
    Promise.all(props.media.filter((m) => m.status === 'stored').map((m) => fetchPhotoUrl(m.url, props.pin)))
      .then((u) => { made = u; if (live) setUrls(u); else u.forEach(URL.revokeObjectURL); })
      .catch(() => setUrls([]));
    return () => { live = false; made.forEach(URL.revokeObjectURL); };
  }, [props.media, props.pin]);
  if (urls.length === 0) return null;
  return <><h3>{t('case.photos')}</h3><p>{urls.map((u, i) => <img key={u} class="thumb" src={u} alt={`${t('case.photos')} ${i + 1}`} />)}</p></>;
}

function CaseView(props: { code: string }) {
  const t = useT();
  const lang = useStore(language);
  const [c, setC] = useState<Case | null>(null);
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [pinError, setPinError] = useState('');
  const [pin, setPin] = useState('');       // as typed
  const [proven, setProven] = useState(''); // the PIN the server accepted
  const [done, setDone] = useState('');
  const [disputing, setDisputing] = useState(false);
  const [why, setWhy] = useState('');
  const load = (withPin?: string) => {
    fetchCaseWithEvents(props.code, withPin || undefined)
      .then(([k, e]) => { setC(k); setEvents(e); setError(null); setPinError(''); if (withPin) setProven(withPin); })
      .catch((err) => {
        if (withPin && err instanceof ApiError && (err.status === 401 || err.status === 429)) {
          setPinError(err.status === 401 ? t('track.wrongPin') : t('track.tooMany', { wait: waitWords(t, err.retryAfter) }));
        } else {
          setError(err);
        }
      });
  };
  useEffect(() => { setProven(''); load(); }, [props.code]);
  if (error instanceof ApiError && error.status === 404) return <p class="error" role="alert">{t('track.notFound')}</p>;
  if (error && !c) return <ErrorBox error={error} />;
  if (!c) return <p role="status">{t('app.loading')}</p>;
  const mine = c.access === 'reporter' || c.access === 'handler';
  const respond = async (solved: boolean) => {
    setError(null);
    try {
      const body: Record<string, unknown> = { solved };
      if (!solved && why.trim()) body.reason = why.trim();
      await api<Case>(`/api/v1/cases/${c.code}/feedback`, { method: 'POST', body, pin: proven });
      setDisputing(false);
      setWhy('');
      setDone(solved ? t('track.confirmed') : t('track.disputed'));
      load(proven);
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
        {c.location ? <><dt>{t('track.location')}</dt><dd data-testid="location">{c.location.lat.toFixed(5)}, {c.location.lon.toFixed(5)}</dd></> : null}
        <dt>{t('track.filed')}</dt><dd>{formatDate(lang, c.created_at)}</dd>
        <dt>{t('track.due')}</dt><dd>{formatDate(lang, c.due.resolve)}</dd>
      </dl>
      {proven && mine ? <p class="notice" data-testid="yours">{t('track.yours')}</p> : null}
      {c.visibility !== 'public' && !mine ? <p data-testid="private">{t('track.private')}</p> : null}
      {c.title ? <p><strong>{c.title}</strong></p> : null}
      {c.body ? <p class="body">{c.body}</p> : null}
      {proven && c.media && c.media.length ? <PinPhotos media={c.media} pin={proven} /> : null}
      {!proven ? (
        <form class="form inline" data-testid="pin-form" onSubmit={(e) => { e.preventDefault(); load(pin.trim()); }}>
          <label>
            {t('track.pin')}
            <input name="pin" inputMode="numeric" autoComplete="off" maxLength={6} value={pin}
              onInput={(e) => setPin((e.target as HTMLInputElement).value)} aria-describedby="pin-help" />
          </label>
          <button type="submit" disabled={pin.trim().length < 4}>{t('track.showMine')}</button>
          <p id="pin-help" class="help">{t('track.pinHelp')}</p>
          {pinError ? <p class="error" role="alert">{pinError}</p> : null}
        </form>
      ) : null}
      {c.answer || c.visibility === 'public' || mine ? (
        <><h3>{t('track.answer')}</h3>
          {c.answer ? <p class="answer">{c.answer}</p> : <p>{t('track.noAnswer')}</p>}</>
      ) : null}
      {c.reject_reason ? <p>{t('track.rejected', { reason: c.reject_reason })}</p> : null}
      {c.status === 'resolved' && proven ? (
        <div class="feedback">
          <p>{t('track.feedback')}</p>
          <button type="button" onClick={() => void respond(true)}>{t('track.confirm')}</button>{' '}
          <button type="button" class="secondary" aria-expanded={disputing} onClick={() => setDisputing(true)}>{t('track.dispute')}</button>
          {disputing ? (
            <form class="form" onSubmit={(e) => { e.preventDefault(); void respond(false); }}>
              <label>{t('track.why')}
                <textarea name="why" rows={3} maxLength={2000} required value={why} onInput={(e) => setWhy((e.target as HTMLTextAreaElement).value)} />
              </label>
              <button type="submit" disabled={!why.trim()}>{t('track.sendDispute')}</button>
            </form>
          ) : null}
        </div>
      ) : null}
      {done ? <Notice>{done}</Notice> : null}
      <ErrorBox error={error} />
      <h3>{t('track.timeline')}</h3>
      <Timeline events={events} />
    </article>
  );
}
