// A resident reports a problem, without an account; the receipt shows the code and the PIN.
// Without a connection the report is kept on the phone (IndexedDB, as a member's are) and sent
// once when the connection returns — from any page of the app — and its receipt then waits
// here. Nothing is promised that is not kept: the page says plainly that it waits.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError, uploadPhoto, type Case, type Unit } from '../api';
import { formatDate } from '../i18n';
import { newKey, Outbox, sendReport, type QueuedReport } from '../outbox';
import { language, online, readJson, useStore, useT, writeJson } from '../store';
import { ErrorBox, Notice, Page } from '../ui';
import { CategoryPicker } from './CategoryPicker';
import { placeSurroundings } from '../map_points';
import { PinPicker } from './LazyMaps';
import { PlacePicker } from './PlacePicker';
import { shrinkPhoto } from '../photo';

const residentOutbox = new Outbox(typeof indexedDB === 'undefined' ? (undefined as unknown as IDBFactory) : indexedDB, 'jembatan-resident');
const RECEIPTS_KEY = 'jb.receipts';
const MAX_RECEIPTS = 20;
export interface KeptReceipt { code: string; pin: string; unit: string; due: string; at: number }
export const waitingReports = { count: 0, listeners: new Set<() => void>() };

function keepReceipt(c: Case): void {
  const kept = (readJson<KeptReceipt[]>(RECEIPTS_KEY) ?? []).filter((r) => r.code !== c.code);
  writeJson(RECEIPTS_KEY, [{ code: c.code, pin: c.pin ?? '', unit: c.assigned_unit.name, due: c.due.resolve, at: Date.now() }, ...kept].slice(0, MAX_RECEIPTS));
}
function announce(n: number): void {
  waitingReports.count = n;
  for (const l of waitingReports.listeners) l();
}

// Sends what residents left waiting on this phone; called when the app opens and when the
// connection returns (main.tsx), so a report is sent once even if this page is not open.
export async function flushResidentReports(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const r = await residentOutbox.flush((q: QueuedReport) => sendReport(residentOutbox, q, (c) => keepReceipt(c)));
  announce(r.waiting);
}

export function Report() {
  const t = useT();
  const lang = useStore(language);
  const [category, setCategory] = useState('');
  const [place, setPlace] = useState<Unit | null>(null);
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [privateCase, setPrivate] = useState(false);
  const [smsUpdates, setSmsUpdates] = useState(false);
  const [photo, setPhoto] = useState<File | null>(null);
  const [location, setLocation] = useState<{ lat: number; lon: number } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<Case | null>(null);
  const [photoSaved, setPhotoSaved] = useState(false);
  const [queued, setQueued] = useState(false);
  const [waiting, setWaiting] = useState(waitingReports.count);
  const [kept, setKept] = useState<KeptReceipt[]>(() => readJson<KeptReceipt[]>(RECEIPTS_KEY) ?? []);
  const isOnline = useStore(online);
  useEffect(() => {
    const update = () => { setWaiting(waitingReports.count); setKept(readJson<KeptReceipt[]>(RECEIPTS_KEY) ?? []); };
    waitingReports.listeners.add(update);
    void residentOutbox.waiting().then((n) => { waitingReports.count = n; update(); }).catch(() => undefined);
    return () => { waitingReports.listeners.delete(update); };
  }, []);
  // One key per filled-in form: pressing "send" twice on a bad link makes one case.
  const [key] = useState(newKey);

  // A pin belongs to the village it was set in: choosing another village removes it.
  const choosePlace = (u: Unit | null) => { setPlace(u); setLocation(null); };
  const around = useMemo(() => (place ? placeSurroundings(place.code) : null), [place?.code]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const missing: string[] = [];
    if (!category) missing.push(t('report.needCategory'));
    if (!place) missing.push(t('report.needPlace'));
    if (!body.trim()) missing.push(t('report.needBody'));
    setProblems(missing);
    if (missing.length) return;
    setBusy(true);
    setError(null);
    const payload: Record<string, unknown> = {
      body: body.trim(), category, unit: place!.code, channel: 'web', language: lang,
      visibility: privateCase ? 'private' : 'public',
    };
    if (location) payload.location = location;
    if (name.trim() || phone.trim()) {
      payload.reporter = { name: name.trim(), phone: phone.trim(), consent: smsUpdates && phone.trim() !== '' };
    }
    // Kept on the phone when there is no connection (or it drops while sending): sent later.
    const keep = async () => {
      let shrunk: Blob | undefined;
      if (photo) shrunk = await shrinkPhoto(photo).catch(() => photo);
      await residentOutbox.add(payload, Date.now(), shrunk, key);
      announce(await residentOutbox.waiting());
      setQueued(true);
    };
    try {
      if (!navigator.onLine) {
        await keep();
        return;
      }
      const r = await api<Case>('/api/v1/cases', { method: 'POST', body: payload, idempotencyKey: key });
      keepReceipt(r);
      if (photo && r.pin) {
        try {
          await uploadPhoto(r.code, await shrinkPhoto(photo), r.pin);
          setPhotoSaved(true);
        } catch {
          setPhotoSaved(false);
        }
      }
      setReceipt(r);
    } catch (err) {
      if (!(err instanceof ApiError)) await keep(); // the connection dropped: keep it
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <Page title={t('receipt.title')}>
        <dl class="receipt">
          <dt>{t('receipt.code')}</dt><dd class="big" data-testid="receipt-code">{receipt.code}</dd>
          <dt>{t('receipt.pin')}</dt><dd class="big" data-testid="receipt-pin">{receipt.pin}</dd>
        </dl>
        <p>{t('receipt.keep')}</p>
        <p>{t('receipt.handledBy', { unit: receipt.assigned_unit.name, date: formatDate(lang, receipt.due.resolve) })}</p>
        {photoSaved ? <Notice>{t('receipt.photoSaved')}</Notice> : null}
        <p><a class="button" href={`/track/${receipt.code}`}>{t('receipt.follow')}</a></p>
      </Page>
    );
  }
  if (queued) {
    return (
      <Page title={t('report.keptTitle')}>
        <p class="notice" role="status" data-testid="kept">{t('report.kept')}</p>
        <p data-testid="resident-waiting">{waiting ? t('member.waiting', { count: waiting }) : t('member.sentAll')}</p>
        <KeptReceipts kept={kept} />
      </Page>
    );
  }
  return (
    <Page title={t('report.title')}>
      {!isOnline ? <p class="notice">{t('report.offlineForm')}</p> : null}
      {waiting ? <p data-testid="resident-waiting">{t('member.waiting', { count: waiting })}</p> : null}
      <KeptReceipts kept={kept} />
      <form class="form" onSubmit={submit} noValidate>
        <CategoryPicker value={category} onChange={setCategory} />
        <PlacePicker value={place} onChange={choosePlace} invalid={problems.length > 0 && !place} />
        <label>
          {t('report.body')}
          <textarea name="body" rows={5} maxLength={5000} value={body} aria-describedby="body-help"
            onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
        </label>
        <p id="body-help" class="help">{t('report.bodyHelp')}</p>
        <label>
          {t('report.photo')}
          <input name="photo" type="file" accept="image/jpeg,image/png,image/webp"
            onChange={(e) => setPhoto((e.target as HTMLInputElement).files?.[0] ?? null)} />
        </label>
        {place && around ? (
          <PinPicker village={around.village ?? (place.location ? { name: place.name, ...place.location } : null)}
            neighbours={around.neighbours} value={location} onChange={setLocation} />
        ) : null}
        <fieldset>
          <legend>{t('report.contact')}</legend>
          <label>{t('report.name')}
            <input name="name" autoComplete="name" maxLength={100} value={name}
              onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </label>
          <label>{t('report.phone')}
            <input name="phone" type="tel" autoComplete="tel" maxLength={32} value={phone}
              onInput={(e) => setPhone((e.target as HTMLInputElement).value)} />
          </label>
          <label class="check">
            <input type="checkbox" name="sms" checked={smsUpdates} disabled={!phone.trim()}
              onChange={(e) => setSmsUpdates((e.target as HTMLInputElement).checked)} />
            {t('report.smsUpdates')}
          </label>
        </fieldset>
        <label class="check">
          <input type="checkbox" name="private" checked={privateCase}
            onChange={(e) => setPrivate((e.target as HTMLInputElement).checked)} />
          {t('report.private')}
        </label>
        {problems.length ? <ul class="error" role="alert">{problems.map((p) => <li key={p}>{p}</li>)}</ul> : null}
        <ErrorBox error={error} />
        <button type="submit" disabled={busy}>{busy ? t('report.sending') : t('report.submit')}</button>
      </form>
    </Page>
  );
}

// Receipts of reports sent from this phone (also those sent later from the waiting list).
function KeptReceipts(props: { kept: KeptReceipt[] }) {
  const t = useT();
  const lang = useStore(language);
  if (!props.kept.length) return null;
  return (
    <section aria-labelledby="kept-h">
      <h2 id="kept-h">{t('report.keptReceipts')}</h2>
      <ul class="slips" data-testid="kept-receipts">
        {props.kept.slice(0, 5).map((r) => (
          <li key={r.code} class="slip">
            <span>{t('receipt.code')} <strong class="big">{r.code}</strong></span>
            <span>{t('receipt.pin')} <strong class="big">{r.pin}</strong></span>
            <span class="muted">{t('receipt.handledBy', { unit: r.unit, date: formatDate(lang, r.due) })}</span>
            <a href={`/track/${r.code}`}>{t('receipt.follow')}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
