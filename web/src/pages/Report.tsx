// A resident reports a problem, without an account; the receipt shows the code and the PIN.
import { useState } from 'preact/hooks';
import { api, uploadPhoto, type Case, type Unit } from '../api';
import { formatDate } from '../i18n';
import { newKey } from '../outbox';
import { language, useStore, useT } from '../store';
import { ErrorBox, Notice, Page } from '../ui';
import { CategoryPicker } from './CategoryPicker';
import { PlacePicker } from './PlacePicker';
import { shrinkPhoto } from '../photo';

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
  const [locationNote, setLocationNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<Case | null>(null);
  const [photoSaved, setPhotoSaved] = useState(false);
  // One key per filled-in form: pressing "send" twice on a bad link makes one case.
  const [key] = useState(newKey);

  const locate = () => {
    navigator.geolocation?.getCurrentPosition(
      (p) => { setLocation({ lat: p.coords.latitude, lon: p.coords.longitude }); setLocationNote(t('report.locationAdded')); },
      () => setLocationNote(t('report.locationFailed')),
      { timeout: 10000 },
    );
  };

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
    try {
      const payload: Record<string, unknown> = {
        body: body.trim(), category, unit: place!.code, channel: 'web', language: lang,
        visibility: privateCase ? 'private' : 'public',
      };
      if (location) payload.location = location;
      if (name.trim() || phone.trim()) {
        payload.reporter = { name: name.trim(), phone: phone.trim(), consent: smsUpdates && phone.trim() !== '' };
      }
      const r = await api<Case>('/api/v1/cases', { method: 'POST', body: payload, idempotencyKey: key });
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
      setError(err);
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
  return (
    <Page title={t('report.title')}>
      <form class="form" onSubmit={submit} noValidate>
        <CategoryPicker value={category} onChange={setCategory} />
        <PlacePicker value={place} onChange={setPlace} invalid={problems.length > 0 && !place} />
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
        <p>
          <button type="button" class="secondary" onClick={locate}>📍 {t('report.location')}</button>{' '}
          <span role="status">{locationNote}</span>
        </p>
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
