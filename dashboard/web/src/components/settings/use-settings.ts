import { API, type TenantSettings } from '@trendwacht/shared';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useTenant } from '../../tenant';
import { useData } from '../../use-data';
import { useMessage } from '../use-message';

/** The tenant's settings, a save that puts them (and shows the outcome), for a settings section. */
export function useSettings() {
  const { t } = useI18n();
  const tenant = useTenant();
  const params = { tenant: tenant.id };
  const s = useData(() => call(API.settings, { params }), [tenant.id]);
  const msg = useMessage();
  /** Puts the changed fields; true when the server took them (else the message says why). */
  const save = async (next: Partial<TenantSettings>): Promise<boolean> => {
    let saved = false;
    await msg.run(async () => {
      s.setData(await call(API.putSettings, { params, body: next }));
      saved = true;
    }, t('saved'));
    return saved;
  };
  return { settings: s.data, error: s.error, save, message: msg.view };
}
