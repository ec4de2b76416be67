import {
  EXTENSIBLE_THEMES,
  type Permission,
  ROLES,
  SENSITIVITIES,
  TOKEN_SCOPES,
  type TenantSettings,
  type ThemeId,
  type TokenScope,
  themeLabel,
} from '@trendwacht/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import { NavLink, Navigate, useParams } from 'react-router';
import { getJson, send } from '../api';
import { EnumOptions, ThemeOptions } from '../components/EnumOptions';
import { GazetteerSetup } from '../components/GazetteerSetup';
import { NotifySetup } from '../components/NotifySetup';
import { SourceSetup } from '../components/SourceSetup';
import { Status } from '../components/Status';
import { TableHead } from '../components/TableHead';
import { useMessage } from '../components/use-message';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { useData } from '../use-data';

type Section = { id: string; label: MessageKey; needs: Permission; view: () => ReactNode };

/** The settings' sections, each at its own address (`settings/<id>`), shown by permission. */
const SECTIONS: readonly Section[] = [
  {
    id: 'general',
    label: 'settingsGeneral',
    needs: 'settings.read',
    view: () => (
      <>
        <TenantSettingsForm />
        <GazetteerSetup />
      </>
    ),
  },
  {
    id: 'sources',
    label: 'settingsSources',
    needs: 'settings.read',
    view: () => (
      <>
        <SourceSetup />
        <Sources />
      </>
    ),
  },
  { id: 'notify', label: 'settingsNotify', needs: 'settings.read', view: () => <NotifySetup /> },
  { id: 'users', label: 'users', needs: 'users.manage', view: () => <Users /> },
  { id: 'tokens', label: 'tokens', needs: 'tokens', view: () => <Tokens /> },
];

/**
 * Instellingen: k, sensitivity and watch terms; sources and their health; users (admin);
 * API tokens (analyst, admin). One section at a time, chosen in a sub-navigation of links
 * (so each has an address to bookmark and the back button works).
 */
export function SettingsPage() {
  const { t } = useI18n();
  const tenant = useTenant();
  const { section } = useParams();
  const allowed = SECTIONS.filter((s) => tenant.may(s.needs));
  const current = allowed.find((s) => s.id === section);
  if (!current) {
    const first = allowed[0];
    return first ? <Navigate to={`${tenant.base}/settings/${first.id}`} replace /> : <p>{t('notFound')}</p>;
  }
  return (
    <>
      <h1>{t('settings')}</h1>
      {allowed.length > 1 && (
        <nav aria-label={t('settingsSections')} className="subnav">
          <ul>
            {allowed.map((s) => (
              <li key={s.id}>
                <NavLink to={`${tenant.base}/settings/${s.id}`}>{t(s.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {current.view()}
    </>
  );
}

function TenantSettingsForm() {
  const { t } = useI18n();
  const tenant = useTenant();
  const s = useData(() => getJson<TenantSettings>(`${tenant.api}/settings`), [tenant.api]);
  const msg = useMessage();
  const [term, setTerm] = useState('');
  const save = (next: TenantSettings) =>
    msg.run(async () => s.setData(await send<TenantSettings>('PUT', `${tenant.api}/settings`, next)), t('saved'));
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!s.data) return;
    const f = new FormData(e.currentTarget);
    void save({ ...s.data, k: Number(f.get('k')), sensitivity: f.get('sensitivity') as TenantSettings['sensitivity'] });
  };
  const addTerm = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!s.data || !term.trim()) return;
    void save({ ...s.data, watchTerms: [...s.data.watchTerms, term.trim()] }).then(() => setTerm(''));
  };
  return (
    <section aria-labelledby="set-h">
      <h2 id="set-h">{t('settingsGeneral')}</h2>
      <Status loading={!s.data && !s.error} error={s.error} />
      {s.data && (
        <>
          <form onSubmit={submit} className="stack">
            <label>
              {t('kLabel')}
              <input name="k" type="number" min={3} max={100} defaultValue={s.data.k} aria-describedby="k-help" />
            </label>
            <p id="k-help" className="muted">
              {t('kHelp')}
            </p>
            <label>
              {t('sensitivity')}
              <select name="sensitivity" defaultValue={s.data.sensitivity}>
                <EnumOptions values={SENSITIVITIES} prefix="sensitivity" />
              </select>
            </label>
            <button type="submit">{t('save')}</button>
          </form>
          <h3>{t('watchTerms')}</h3>
          <p className="muted">{t('watchTermsHelp')}</p>
          <TermChips
            terms={s.data.watchTerms}
            testId="watch-terms"
            onRemove={(w) => s.data && void save({ ...s.data, watchTerms: s.data.watchTerms.filter((x) => x !== w) })}
          />
          <form onSubmit={addTerm} className="row">
            <label>
              {t('newTerm')}
              <input value={term} onChange={(e) => setTerm(e.target.value)} maxLength={60} />
            </label>
            <button type="submit">{t('add')}</button>
          </form>
          <ThemeTerms settings={s.data} save={save} />
          {msg.view}
        </>
      )}
    </section>
  );
}

/** Terms as chips, each with a button that removes it. */
function TermChips({
  terms,
  onRemove,
  testId,
}: { terms: readonly string[]; onRemove: (term: string) => void; testId?: string }) {
  const { t } = useI18n();
  return (
    <ul className="chips" data-testid={testId}>
      {terms.map((w) => (
        <li key={w}>
          {w}{' '}
          <button type="button" aria-label={t('removeItem', { item: w })} onClick={() => onRemove(w)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The tenant's own terms per theme: a local rumour for disinformation, a local group's name… */
function ThemeTerms({
  settings,
  save,
}: { settings: TenantSettings; save: (next: TenantSettings) => Promise<unknown> }) {
  const { t, lang } = useI18n();
  const [theme, setTheme] = useState<ThemeId>('disinfo');
  const [term, setTerm] = useState('');
  const listed = EXTENSIBLE_THEMES.filter((id) => (settings.themeTerms[id] ?? []).length > 0);
  const withTerms = (id: ThemeId, terms: string[]) => ({
    ...settings,
    themeTerms: { ...settings.themeTerms, [id]: terms },
  });
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!term.trim()) return;
    void save(withTerms(theme, [...(settings.themeTerms[theme] ?? []), term.trim()])).then(() => setTerm(''));
  };
  return (
    <>
      <h3>{t('themeTerms')}</h3>
      <p className="muted">{t('themeTermsHelp')}</p>
      {listed.length > 0 && (
        <dl className="theme-terms" data-testid="theme-terms">
          {listed.map((id) => (
            <div key={id}>
              <dt>{themeLabel(id)[lang]}</dt>
              <dd>
                <TermChips
                  terms={settings.themeTerms[id] ?? []}
                  onRemove={(w) =>
                    void save(
                      withTerms(
                        id,
                        (settings.themeTerms[id] ?? []).filter((x) => x !== w),
                      ),
                    )
                  }
                />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <form onSubmit={add} className="row">
        <label>
          {t('theme')}
          <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeId)}>
            <ThemeOptions ids={EXTENSIBLE_THEMES} />
          </select>
        </label>
        <label>
          {t('newThemeTerm')}
          <input value={term} onChange={(e) => setTerm(e.target.value)} maxLength={60} />
        </label>
        <button type="submit">{t('add')}</button>
      </form>
    </>
  );
}

type Member = { username: string; name: string; role: string };

function Users() {
  const { t } = useI18n();
  const tenant = useTenant();
  const users = useData(() => getJson<{ users: Member[] }>(`${tenant.api}/users`), [tenant.api]);
  const msg = useMessage();
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    void msg.run(async () => {
      const r = await send<{ username: string; password?: string }>('POST', `${tenant.api}/users`, {
        username: f.get('username'),
        name: f.get('name'),
        role: f.get('role'),
      });
      form.reset();
      users.reload();
      return r.password ? t('generatedPassword', { user: r.username, password: r.password }) : undefined;
    }, t('saved'));
  };
  const remove = (u: string) =>
    msg.run(async () => {
      await send('DELETE', `${tenant.api}/users/${encodeURIComponent(u)}`);
      users.reload();
    }, t('saved'));
  return (
    <section aria-labelledby="users-h">
      <h2 id="users-h">{t('users')}</h2>
      <Status loading={!users.data && !users.error} error={users.error} />
      {users.data && (
        <table data-testid="users">
          <TableHead columns={['username', 'name', 'role']} action="remove" />
          <tbody>
            {users.data.users.map((u) => (
              <tr key={u.username}>
                <td>{u.username}</td>
                <td>{u.name}</td>
                <td>{t(`role_${u.role}` as MessageKey)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => void remove(u.username)}
                    aria-label={t('removeItem', { item: u.username })}
                  >
                    {t('remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('addUser')}</h3>
      <form onSubmit={add} className="row">
        <label>
          {t('username')}
          <input name="username" required pattern="[a-z0-9][a-z0-9._@\-]{1,63}" />
        </label>
        <label>
          {t('name')}
          <input name="name" />
        </label>
        <label>
          {t('role')}
          <select name="role" defaultValue="viewer">
            <EnumOptions values={ROLES} prefix="role" />
          </select>
        </label>
        <button type="submit">{t('add')}</button>
      </form>
      {msg.view}
    </section>
  );
}

type TokenRow = { id: string; label: string; createdAt: number; scope: TokenScope };

function Tokens() {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const tokens = useData(() => getJson<{ tokens: TokenRow[] }>(`${tenant.api}/tokens`), [tenant.api]);
  const [shown, setShown] = useState<string | null>(null);
  const msg = useMessage();
  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const label = String(f.get('label'));
    const scope = String(f.get('scope') ?? 'export');
    void msg.run(async () => {
      const r = await send<{ token: string }>('POST', `${tenant.api}/tokens`, { label, scope });
      setShown(r.token);
      form.reset();
      tokens.reload();
    }, t('saved'));
  };
  const revoke = (id: string) =>
    msg.run(async () => {
      await send('DELETE', `${tenant.api}/tokens/${id}`);
      tokens.reload();
    }, t('saved'));
  return (
    <section aria-labelledby="tok-h">
      <h2 id="tok-h">{t('tokens')}</h2>
      {shown && (
        <output className="note block">
          {t('tokenShownOnce', { token: '' })}
          <code data-testid="new-token">{shown}</code>
        </output>
      )}
      <ul>
        {tokens.data?.tokens.map((tok) => (
          <li key={tok.id}>
            {tok.label} ({t(`tokenScope_${tok.scope}`)}) — {t('created')}{' '}
            {new Date(tok.createdAt).toLocaleString(`${lang}-BE`)}{' '}
            <button type="button" onClick={() => void revoke(tok.id)} aria-label={`${t('revoke')} ${tok.label}`}>
              {t('revoke')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={create} className="row">
        <label>
          {t('tokenLabel')}
          <input name="label" required maxLength={80} />
        </label>
        <label>
          {t('tokenScope')}
          <select name="scope" defaultValue="export">
            {TOKEN_SCOPES.map((sc) => (
              <option key={sc} value={sc}>
                {t(`tokenScope_${sc}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('newToken')}</button>
      </form>
      {msg.view}
    </section>
  );
}

type SourceRow = {
  name: string;
  state: string;
  mapper: string;
  lastItemAt: number | null;
  lagMs: number | null;
  reconnects: number;
  errors: number;
  lastError: string | null;
  stale: boolean;
};

/** Each connector's health as ingest reports it. */
function Sources() {
  const { t, lang, fmt } = useI18n();
  const tenant = useTenant();
  const list = useData(() => getJson<{ sources: SourceRow[] }>(`${tenant.api}/sources`), [tenant.api, tenant.tick]);
  const time = (ms: number | null) => (ms ? new Date(ms).toLocaleString(`${lang}-BE`) : '—');
  return (
    <section aria-labelledby="src-h">
      <h2 id="src-h">{t('sourcesHealth')}</h2>
      <Status
        loading={!list.data && !list.error}
        error={list.error}
        empty={list.data?.sources.length === 0 && t('sourcesNone')}
      />
      {list.data && list.data.sources.length > 0 && (
        <table data-testid="sources">
          <TableHead
            columns={['sources', 'status', 'lastItem', 'lag', 'reconnects', 'lastError']}
            numeric={['lag', 'reconnects']}
          />
          <tbody>
            {list.data.sources.map((s) => (
              <tr key={s.name}>
                <td>
                  {s.name} <span className="muted">({s.mapper})</span>
                </td>
                <td>{s.stale ? t('stale') : s.state}</td>
                <td>{time(s.lastItemAt)}</td>
                <td className="num">{s.lagMs === null ? '—' : `${fmt(Math.round(s.lagMs / 1000))} s`}</td>
                <td className="num">{fmt(s.reconnects)}</td>
                <td>{s.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
