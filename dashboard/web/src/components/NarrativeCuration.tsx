import { API, type NarrativeSummary } from '@trendwacht/shared';
import { useId, useState } from 'react';
import { getJson, sendForm } from '../api';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { useData } from '../use-data';
import { narrativeTitle } from './narrative-text';

/**
 * An analyst's curation of a narrative: rename, pin, dismiss or restore, merge into another
 * narrative of the theme, split key terms off into a new one. Each step is audited on the
 * server, kept in Redis and used by the clustering from then on.
 */
export function NarrativeCuration({ n, onChange }: { n: NarrativeSummary; onChange: () => void }) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const id = useId();
  const [name, setName] = useState(n.titleFrom === 'analyst' ? n.title : '');
  const [into, setInto] = useState('');
  const [terms, setTerms] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const may = tenant.may('narratives.curate');
  const others = useData(
    () =>
      may
        ? getJson(`${tenant.api}/narratives?theme=${n.theme}&range=week`, API.narratives)
        : Promise.resolve({ narratives: [] as NarrativeSummary[] }),
    [tenant.api, n.theme, n.id, may],
  );
  if (!may) return null;
  const candidates = (others.data?.narratives ?? []).filter((x) => x.id !== n.id);
  const act = async (body: Record<string, unknown>) => {
    try {
      await sendForm(API.curate, `${tenant.api}/narratives/${n.id}/curate`, body);
      setMsg(t('nar_done'));
      onChange();
    } catch (e) {
      setMsg(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section aria-labelledby={`${id}-h`} className="card curation">
      <h2 id={`${id}-h`}>{t('nar_curate')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act({ action: 'rename', name });
        }}
      >
        <label htmlFor={`${id}-name`}>{t('nar_rename')}</label>
        <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <button type="submit">{t('nar_renameSave')}</button>
      </form>
      <p className="actions">
        <button type="button" onClick={() => void act({ action: n.pinned ? 'unpin' : 'pin' })}>
          {n.pinned ? t('nar_unpin') : t('nar_pin')}
        </button>{' '}
        <button type="button" onClick={() => void act({ action: n.dismissed ? 'restore' : 'dismiss' })}>
          {n.dismissed ? t('nar_restore') : t('nar_dismiss')}
        </button>
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act({ action: 'merge', into: into.trim() });
        }}
      >
        <label htmlFor={`${id}-into`}>{t('nar_mergeInto')}</label>
        <select id={`${id}-into`} value={into} onChange={(e) => setInto(e.target.value)}>
          <option value="">—</option>
          {candidates.map((x) => (
            <option key={x.id} value={x.id}>
              {narrativeTitle(x, t, lang)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!into}>
          {t('nar_merge')}
        </button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const list = terms
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean);
          void act({ action: 'split', terms: list });
        }}
      >
        <label htmlFor={`${id}-split`}>{t('nar_splitTerms')}</label>
        <input id={`${id}-split`} value={terms} onChange={(e) => setTerms(e.target.value)} />
        <button type="submit">{t('nar_split')}</button>
      </form>
      <output>{msg}</output>
    </section>
  );
}
