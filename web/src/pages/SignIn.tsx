import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { navigate } from '../router';
import { signIn, useT } from '../store';
import { ErrorBox, Page, waitWords } from '../ui';

export function SignIn() {
  const t = useT();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await signIn(name.trim(), password);
      const role = s.user.role;
      navigate(role === 'member' ? '/member' : role === 'officer' ? '/inbox' : '/dashboard');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('signin.failed'));
      else if (err instanceof ApiError && err.kind === 'too-many-attempts') setError(t('signin.locked', { wait: waitWords(t, err.retryAfter) }));
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('signin.title')}>
      <form class="form narrow" onSubmit={submit}>
        <label>
          {t('signin.name')}
          <input name="username" autoComplete="username" required value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('signin.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </label>
        {typeof error === 'string' ? <p class="error" role="alert">{error}</p> : <ErrorBox error={error} />}
        <button type="submit" disabled={busy}>{t('signin.submit')}</button>
      </form>
    </Page>
  );
}
