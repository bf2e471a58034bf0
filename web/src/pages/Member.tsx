// A member forwards reports for households. Every report is written to IndexedDB first and
// sent from there (outbox.ts), so it survives no signal, a closed tab and a flat battery; the
// page shows how many are waiting. The household's name and phone go in on_behalf_of, which
// only the handling unit and this member can see.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, query, type Case, type CaseList, type Unit } from '../api';
import { formatDate } from '../i18n';
import { Outbox, outcomeOf, type QueuedReport, type SendOutcome } from '../outbox';
import { navigate } from '../router';
import { language, loadCategories, online, session, useCategoryName, useStore, useT } from '../store';
import { ErrorBox, Notice, Page, StatusBadge } from '../ui';
import { CategoryPicker } from './CategoryPicker';

const outbox = new Outbox(indexedDB);

async function send(r: QueuedReport): Promise<SendOutcome> {
  try {
    await api<Case>('/api/v1/cases', { method: 'POST', body: r.body, idempotencyKey: r.key });
    return 'sent';
  } catch (e) {
    if (e instanceof ApiError) return outcomeOf(e.status, e.detail);
    return 'retry'; // no connection
  }
}

export default function Member() {
  const t = useT();
  const lang = useStore(language);
  const s = useStore(session);
  const isOnline = useStore(online);
  const catName = useCategoryName();
  const [villages, setVillages] = useState<Unit[]>([]);
  const [category, setCategory] = useState('');
  const [village, setVillage] = useState('');
  const [body, setBody] = useState('');
  const [household, setHousehold] = useState('');
  const [phone, setPhone] = useState('');
  const [queued, setQueued] = useState<QueuedReport[]>([]);
  const [mine, setMine] = useState<Case[]>([]);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);

  const refresh = async () => {
    setQueued(await outbox.list());
    if (navigator.onLine) {
      api<CaseList>(`/api/v1/cases${query({ mine: true, limit: 50 })}`).then((r) => setMine(r.cases)).catch(() => undefined);
    }
  };
  const flush = async () => {
    await outbox.flush(send);
    await refresh();
  };

  useEffect(() => {
    if (s === null && navigator.onLine) navigate('/signin');
    if (!s) return;
    const timer = setInterval(() => void flush(), 30000);
    return () => clearInterval(timer);
  }, [s]);
  // What waits is shown at once, also when the page was opened (or reloaded) offline.
  useEffect(() => {
    void outbox.list().then(setQueued);
  }, []);
  // Coming back online: send what waits, and fetch what could not be fetched offline.
  useEffect(() => {
    if (!s) return;
    if (villages.length === 0) {
      api<{ units: Unit[] }>(`/api/v1/units${query({ parent: s.user.unit.code })}`)
        .then((r) => setVillages(r.units.filter((u) => u.level === 'village')))
        .catch(() => undefined);
    }
    void loadCategories();
    if (isOnline) void flush();
  }, [s, isOnline]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!category || !village || !body.trim()) {
      setError(new Error([!category ? t('report.needCategory') : '', !village ? t('report.needPlace') : '', !body.trim() ? t('report.needBody') : ''].filter(Boolean).join(' ')));
      return;
    }
    const report: Record<string, unknown> = { body: body.trim(), category, unit: village, channel: 'member', language: lang };
    if (household.trim() || phone.trim()) report.on_behalf_of = { name: household.trim(), phone: phone.trim() };
    await outbox.add(report);
    setBody('');
    setHousehold('');
    setPhone('');
    setNotice(t('member.queued'));
    await refresh();
    void flush();
  };

  if (s === undefined) return <p role="status">{t('app.loading')}</p>;
  const waiting = queued.filter((r) => !r.error);
  const failed = queued.filter((r) => r.error);
  return (
    <Page title={t('member.title')}>
      <p class="waiting" role="status" data-testid="waiting">
        {waiting.length ? t('member.waiting', { count: waiting.length }) : t('member.sentAll')}
      </p>
      {waiting.length && s === null ? <p class="notice">{t('member.signinAgain')}</p> : null}
      {failed.map((r) => <p key={r.key} class="error">{t('member.failed', { detail: r.error ?? '' })}</p>)}
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        <CategoryPicker value={category} onChange={setCategory} />
        <label>{t('report.place')}
          <select name="village" value={village} onChange={(e) => setVillage((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {villages.map((v) => <option key={v.code} value={v.code}>{v.name}</option>)}
          </select>
        </label>
        <label>{t('report.body')}
          <textarea name="body" rows={4} maxLength={5000} value={body} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
        </label>
        <fieldset>
          <legend>{t('member.household')}</legend>
          <label>{t('report.name')}
            <input name="household" maxLength={100} value={household} onInput={(e) => setHousehold((e.target as HTMLInputElement).value)} />
          </label>
          <label>{t('report.phone')}
            <input name="phone" type="tel" maxLength={32} value={phone} onInput={(e) => setPhone((e.target as HTMLInputElement).value)} />
          </label>
        </fieldset>
        <ErrorBox error={error} />
        <button type="submit">{t('member.submit')}</button>
      </form>
      {notice ? <Notice>{notice}</Notice> : null}
      <h2>{t('member.mine')}</h2>
      {mine.length === 0 ? <p>{t('member.none')}</p> : (
        <ul class="cases">
          {mine.map((c) => (
            <li key={c.code}>
              <a href={`/case/${c.code}`}>{c.code}</a> <StatusBadge status={c.status} overdue={c.overdue} />{' '}
              <span class="muted">{catName(c.category)} · {c.unit?.name} · {formatDate(lang, c.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
