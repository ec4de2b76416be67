import { API, ROLES } from '@trendwacht/shared';
import type { FormEvent } from 'react';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useTenant } from '../../tenant';
import { useData } from '../../use-data';
import { EnumOptions } from '../EnumOptions';
import { Status } from '../Status';
import { TableHead } from '../TableHead';
import { useMessage } from '../use-message';
import { RemoveButton } from './RemoveButton';

/** The tenant's members: add one (a new account gets a password shown once), remove one. */
export function UsersSettings() {
  const { t } = useI18n();
  const tenant = useTenant();
  const params = { tenant: tenant.id };
  const users = useData(() => call(API.users, { params }), [tenant.id]);
  const msg = useMessage();
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const role = ROLES.find((r) => r === f.get('role')) ?? 'viewer';
    void msg.run(async () => {
      const body = { username: String(f.get('username')), name: String(f.get('name') ?? ''), role };
      const r = await call(API.addUser, { params, body });
      form.reset();
      users.reload();
      return r.password ? t('generatedPassword', { user: r.username, password: r.password }) : undefined;
    }, t('saved'));
  };
  const remove = (username: string) =>
    msg.run(async () => {
      await call(API.removeUser, { params: { ...params, username } });
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
                <td>{t(`role_${u.role}`)}</td>
                <td>
                  <RemoveButton item={u.username} onRemove={() => void remove(u.username)} />
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
