import {
  API,
  GAZETTEER_KINDS,
  type Gazetteer,
  type TenantSettings,
  gazetteerToCsv,
  parseGazetteerCsv,
} from '@trendwacht/shared';
import { type ChangeEvent, type FormEvent, useEffect, useState } from 'react';
import { getJson, send } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { useData } from '../use-data';
import { Status } from './Status';
import type { GazetteerField, GazetteerMessage } from './gazetteer-messages';
import { useMessage } from './use-message';

type Lists = Record<GazetteerField, string>;

const FIELDS: readonly GazetteerField[] = [...GAZETTEER_KINDS, 'officials', 'localSources'];
const lines = (s: string) => [
  ...new Set(
    s
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

function listsOf(s: TenantSettings): Lists {
  const out = {} as Lists;
  for (const k of GAZETTEER_KINDS) out[k] = s.gazetteer[k].join('\n');
  out.officials = s.officials.join('\n');
  out.localSources = s.localSources.join('\n');
  return out;
}

/**
 * Lokale relevantie: the municipality's gazetteer (its names, deelgemeenten, streets,
 * squares, landmarks, postcodes, hashtags), its officials and its local sources — edited as
 * lists, one name a line, or imported from a CSV — and what the filter did: posts counted
 * and posts not about the town. The server checks every name with the shared schema.
 */
export function GazetteerSetup() {
  const { t, fmt } = useI18n();
  const say = (key: GazetteerMessage, vars?: Record<string, string | number>) => t(`gaz_${key}` as MessageKey, vars);
  const tenant = useTenant();
  const editable = tenant.may('settings.write');
  const s = useData(() => getJson(`${tenant.api}/settings`, API.settings), [tenant.api]);
  const stats = useData(() => getJson(`${tenant.api}/stats`, API.stats), [tenant.api, tenant.tick]);
  const [lists, setLists] = useState<Lists | null>(null);
  const [report, setReport] = useState<string[]>([]);
  const msg = useMessage();
  useEffect(() => {
    if (s.data) setLists(listsOf(s.data));
  }, [s.data]);

  const save = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!lists) return;
    const gazetteer = Object.fromEntries(GAZETTEER_KINDS.map((k) => [k, lines(lists[k])])) as Gazetteer;
    void msg.run(async () => {
      const current = await getJson(`${tenant.api}/settings`, API.settings);
      const next = {
        ...current,
        gazetteer,
        officials: lines(lists.officials),
        localSources: lines(lists.localSources),
      };
      s.setData(await send(API.putSettings, `${tenant.api}/settings`, next));
    }, say('saved'));
  };

  const importCsv = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    if (!file || !lists) return;
    const csv = parseGazetteerCsv(await file.text());
    const next = { ...lists };
    for (const k of GAZETTEER_KINDS) next[k] = lines(`${next[k]}\n${csv.gazetteer[k].join('\n')}`).join('\n');
    next.officials = lines(`${next.officials}\n${csv.officials.join('\n')}`).join('\n');
    setLists(next);
    setReport([
      say('imported', { rows: csv.rows, errors: csv.errors.length }),
      ...csv.errors.slice(0, 20).map((x) => say('importError', { line: x.line, message: x.message })),
    ]);
  };

  const download = () => {
    if (!s.data) return;
    const blob = new Blob([gazetteerToCsv(s.data.gazetteer, s.data.officials)], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `gazetteer-${tenant.id}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const names = s.data ? GAZETTEER_KINDS.reduce((n, k) => n + (s.data?.gazetteer[k].length ?? 0), 0) : 0;
  const on = names > 0 || (s.data?.localSources.length ?? 0) > 0;
  const counts = stats.data?.stats;
  return (
    <section aria-labelledby="gaz-h" data-testid="gazetteer">
      <h2 id="gaz-h">{say('title')}</h2>
      <p className="muted">{say('intro')}</p>
      <Status loading={!s.data && !s.error} error={s.error} />
      {s.data && (
        <p data-testid="relevance-status">
          {on ? say('on', { names: fmt(names), sources: fmt(s.data.localSources.length) }) : say('off')}{' '}
          {counts && say('counted', { posts: fmt(counts.posts ?? 0), irrelevant: fmt(counts['drop:irrelevant'] ?? 0) })}
        </p>
      )}
      {lists && (
        <form onSubmit={save} className="stack">
          {FIELDS.map((f) => (
            <label key={f}>
              {say(f)} <span className="muted">({say('onePerLine')})</span>
              <textarea
                name={f}
                rows={f === 'street' ? 6 : 3}
                value={lists[f]}
                readOnly={!editable}
                spellCheck={false}
                onChange={(e) => setLists({ ...lists, [f]: e.target.value })}
              />
            </label>
          ))}
          {editable && <button type="submit">{say('save')}</button>}
        </form>
      )}
      {lists && editable && (
        <>
          <h3>{say('importTitle')}</h3>
          <p className="muted" id="gaz-import-help">
            {say('importHelp')}
          </p>
          <label>
            {say('importFile')}
            <input
              type="file"
              accept=".csv,text/csv"
              aria-describedby="gaz-import-help"
              onChange={(e) => void importCsv(e)}
            />
          </label>
          {report.length > 0 && (
            <div aria-live="polite" data-testid="gazetteer-import">
              <ul>
                {report.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {s.data && (
        <button type="button" onClick={download}>
          {say('download')}
        </button>
      )}
      {msg.view}
    </section>
  );
}
