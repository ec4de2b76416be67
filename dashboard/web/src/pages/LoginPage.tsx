import { type FormEvent, useState } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Masthead } from '../components/Masthead';
import { useI18n } from '../i18n';
import { useSession } from '../session';

export function LoginPage({ noTenant }: { noTenant?: boolean }) {
  const { t } = useI18n();
  const { login, logout } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Masthead>
        <LanguageSwitch />
      </Masthead>
      <main id="main" className="login">
        <h1>{t('signIn')}</h1>
        {noTenant ? (
          <>
            <p>{t('noTenant')}</p>
            <button type="button" onClick={() => void logout()}>
              {t('signOut')}
            </button>
          </>
        ) : (
          <form onSubmit={submit} className="stack">
            <label>
              {t('username')}
              <input name="username" autoComplete="username" required />
            </label>
            <label>
              {t('password')}
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
            {error && (
              <p className="error" role="alert">
                {t('signInFailed', { message: error })}
              </p>
            )}
            <button type="submit" disabled={busy}>
              {t('signIn')}
            </button>
          </form>
        )}
      </main>
    </>
  );
}
