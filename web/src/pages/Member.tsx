// A member forwards reports for households. Every report is written to IndexedDB first and
// sent from there (outbox.ts), so it survives no signal, a closed tab and a flat battery; the
// page shows how many are waiting. The household's name and phone go in on_behalf_of, which
// only the handling unit and this member can see. The villages and categories were kept at
// sign-in (store.ts), so the form works when the page is opened offline. Each sent report leaves
// a slip with the household's code and PIN, to read out or copy: without it a household with no
// phone could never follow its case.
import { useEffect, useState } from 'preact/hooks';
import { api, hasCsrfToken, query, type Case, type CaseList, type Unit } from '../api';
import { formatDate } from '../i18n';
import { Outbox, sendReport, type QueuedReport, type SendOutcome } from '../outbox';
import { navigate } from '../router';
import { shrinkPhoto } from '../photo';
import { centre, type NamedPoint, type Point } from '../map_points';
import { PinPicker } from './LazyMaps';
import { cachedVillages, language, loadCategories, loadSession, loadVillages, online, readJson, session, SLIPS_KEY, useCategoryName, useStore, useT, writeJson } from '../store';
import { ErrorBox, Notice, Page, StatusBadge } from '../ui';
import { CategoryPicker } from './CategoryPicker';

const outbox = new Outbox(indexedDB);

// A household's slip: what it needs to follow its case.
export interface Slip { code: string; pin: string; household: string; village: string; at: number; photo?: 'sent' | 'failed' }
const MAX_SLIPS = 50;
function keepSlip(slip: Slip): void {
  const slips = (readJson<Slip[]>(SLIPS_KEY) ?? []).filter((s) => s.code !== slip.code);
  writeJson(SLIPS_KEY, [slip, ...slips].slice(0, MAX_SLIPS));
}

function send(r: QueuedReport): Promise<SendOutcome> {
  return sendReport(
    outbox, r,
    (c, q) => {
      const obo = q.body.on_behalf_of as { name?: string } | undefined;
      keepSlip({ code: c.code, pin: c.pin ?? '', household: obo?.name ?? '', village: c.unit?.name ?? '', at: Date.now() });
    },
    (code, stored) => {
      const slips = readJson<Slip[]>(SLIPS_KEY) ?? [];
      writeJson(SLIPS_KEY, slips.map((s) => (s.code === code ? { ...s, photo: stored ? 'sent' : 'failed' } : s)));
    },
  );
}

// How often waiting reports are tried again while the page is open (besides coming online).
const RETRY_MS = 10000;

export default function Member() {
  const t = useT();
  const lang = useStore(language);
  const s = useStore(session);
  const isOnline = useStore(online);
  const catName = useCategoryName();
  const [villages, setVillages] = useState<Unit[]>(() => (s ? cachedVillages(s.user.unit.code) : []));
  const [category, setCategory] = useState('');
  const [village, setVillage] = useState('');
  const [location, setLocation] = useState<Point | null>(null);
  const [body, setBody] = useState('');
  const [household, setHousehold] = useState('');
  const [phone, setPhone] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoInput, setPhotoInput] = useState(0); // a new key empties the file input
  const [slips, setSlips] = useState<Slip[]>(() => readJson<Slip[]>(SLIPS_KEY) ?? []);
  const [queued, setQueued] = useState<QueuedReport[]>([]);
  const [mine, setMine] = useState<Case[]>([]);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);

  const refresh = async () => {
    setQueued(await outbox.list());
    setSlips(readJson<Slip[]>(SLIPS_KEY) ?? []);
    if (navigator.onLine) {
      api<CaseList>(`/api/v1/cases${query({ mine: true, limit: 50 })}`).then((r) => setMine(r.cases)).catch(() => undefined);
    }
  };
  const flush = async () => {
    // A page opened offline works from the kept session without its CSRF token; the check made
    // when the link came back can fail if it came too early (seen in the browser test). Ask
    // again before sending, or every write is refused (403) until the next check.
    if (navigator.onLine && !hasCsrfToken()) await loadSession();
    await outbox.flush(send);
    await refresh();
  };

  useEffect(() => {
    if (s === null && navigator.onLine) navigate('/signin');
    if (!s) return;
    const timer = setInterval(() => void flush(), RETRY_MS);
    return () => clearInterval(timer);
  }, [s]);
  // What waits is shown at once, also when the page was opened (or reloaded) offline.
  useEffect(() => {
    void outbox.list().then(setQueued);
  }, []);
  // Coming back online: send what waits, and fetch what could not be fetched offline.
  useEffect(() => {
    if (!s) return;
    if (villages.length === 0) setVillages(cachedVillages(s.user.unit.code));
    if (isOnline) loadVillages(s.user.unit.code).then(setVillages).catch(() => undefined);
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
    if (location) report.location = location;
    if (household.trim() || phone.trim()) {
      report.on_behalf_of = { name: household.trim(), phone: phone.trim(), consent: agreed };
    }
    let shrunk: Blob | undefined;
    if (photo) {
      try {
        shrunk = await shrinkPhoto(photo);
      } catch {
        shrunk = photo; // the server checks the type; a photo it refuses is noted on the slip
      }
    }
    await outbox.add(report, Date.now(), shrunk);
    setBody('');
    setLocation(null);
    setHousehold('');
    setPhone('');
    setAgreed(false);
    setPhoto(null);
    setPhotoInput((n) => n + 1);
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
          <select name="village" value={village} onChange={(e) => { setVillage((e.target as HTMLSelectElement).value); setLocation(null); }}>
            <option value="">—</option>
            {villages.map((v) => <option key={v.code} value={v.code}>{v.name}</option>)}
          </select>
        </label>
        {village ? (
          <PinPicker village={centre(villages.find((v) => v.code === village))}
            neighbours={villages.filter((v) => v.code !== village).map(centre).filter((p): p is NamedPoint => p !== null)}
            value={location} onChange={setLocation} />
        ) : null}
        <label>{t('report.body')}
          <textarea name="body" rows={4} maxLength={5000} value={body} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
        </label>
        <label>{t('report.photo')}
          <input key={photoInput} name="photo" type="file" accept="image/jpeg,image/png,image/webp"
            onChange={(e) => setPhoto((e.target as HTMLInputElement).files?.[0] ?? null)} />
        </label>
        <fieldset>
          <legend>{t('member.household')}</legend>
          <label>{t('report.name')}
            <input name="household" maxLength={100} value={household} onInput={(e) => setHousehold((e.target as HTMLInputElement).value)} />
          </label>
          <label>{t('report.phone')}
            <input name="phone" type="tel" maxLength={32} value={phone} onInput={(e) => setPhone((e.target as HTMLInputElement).value)} />
          </label>
          <label class="check">
            <input type="checkbox" name="agreed" checked={agreed} onChange={(e) => setAgreed((e.target as HTMLInputElement).checked)} />
            {t('member.agreed')}
          </label>
        </fieldset>
        <ErrorBox error={error} />
        <button type="submit">{t('member.submit')}</button>
      </form>
      {notice ? <Notice>{notice}</Notice> : null}
      {slips.length ? (
        <section aria-labelledby="slips-h">
          <h2 id="slips-h">{t('member.slips')}</h2>
          <p class="help">{t('member.slipsHelp')}</p>
          <ul class="slips" data-testid="slips">
            {slips.map((sl) => (
              <li key={sl.code} class="slip">
                <span class="slip-who">{sl.household || t('member.noName')} · {sl.village}</span>
                <span>{t('receipt.code')} <strong class="big">{sl.code}</strong></span>
                <span>{t('receipt.pin')} <strong class="big">{sl.pin}</strong></span>
                {sl.photo === 'failed' ? <span class="error">{t('member.photoFailed')}</span> : null}
                <button type="button" class="secondary" onClick={() => void navigator.clipboard?.writeText(`${sl.code} PIN ${sl.pin}`)}>{t('member.copy')}</button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
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
