import { API, PERSPECTIVES, type ResponseView } from '@trendwacht/shared';
import { useId, useState } from 'react';
import { send } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { Guarded } from './Guarded';
import { Time } from './Time';

type Window = ResponseView['before'];
export type { ResponseView };

const CHANNELS = ['website', 'social', 'press', 'newsletter', 'meeting', 'other'] as const;

/** Logs the municipality's responses to a narrative and shows the narrative a day before and after each. */
export function ResponseLog({
  narrativeId,
  responses,
  k,
  onChange,
}: { narrativeId: string; responses: ResponseView[]; k: number; onChange: () => void }) {
  const { t, fmt } = useI18n();
  const tenant = useTenant();
  const id = useId();
  const local = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const [at, setAt] = useState(local(Date.now()));
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('social');
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const spread = (w: NonNullable<Window>) =>
    `${w.authors === null ? `< ${k}` : fmt(w.authors)} ${t('authors')}${w.langs.length ? ` · ${w.langs.join(', ')}` : ''}`;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100));
  const cell = (w: Window, f: (w: NonNullable<Window>) => string | number | null) =>
    w === null ? <Guarded value={null} k={k} /> : f(w);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('nar_responses')}</h2>
      {tenant.may('narratives.respond') && (
        <form
          className="response-form no-print"
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              await send(API.respond, `${tenant.api}/narratives/${narrativeId}/responses`, {
                at: new Date(at).getTime(),
                channel,
                note,
              });
              setNote('');
              setMsg(t('nar_done'));
              onChange();
            } catch (err) {
              setMsg(err instanceof Error ? err.message : String(err));
            }
          }}
        >
          <label htmlFor={`${id}-at`}>{t('nar_respAt')}</label>
          <input id={`${id}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required />
          <label htmlFor={`${id}-ch`}>{t('nar_respChannel')}</label>
          <select id={`${id}-ch`} value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel_${c}` as MessageKey)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-note`}>{t('nar_respNote')}</label>
          <input id={`${id}-note`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <button type="submit">{t('nar_respLog')}</button>
          <output>{msg}</output>
        </form>
      )}
      {responses.length === 0 ? (
        <p className="muted">{t('nar_noResponses')}</p>
      ) : (
        responses.map((r) => (
          <table key={`${r.at}-${r.channel}`} className="before-after" data-testid="response">
            <caption>
              <Time ms={r.at} /> · {t(`channel_${r.channel}` as MessageKey)}
              {r.note ? ` · ${r.note}` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('nar_measure')}</th>
                <th scope="col" className="num">
                  {t('nar_before')}
                </th>
                <th scope="col" className="num">
                  {t('nar_after')}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('posts')}</th>
                <td className="num">{cell(r.before, (w) => (w.posts === null ? `< ${k}` : fmt(w.posts)))}</td>
                <td className="num">{cell(r.after, (w) => (w.posts === null ? `< ${k}` : fmt(w.posts)))}</td>
              </tr>
              <tr>
                <th scope="row">{t('nar_spread')}</th>
                <td className="num">{cell(r.before, spread)}</td>
                <td className="num">{cell(r.after, spread)}</td>
              </tr>
              {PERSPECTIVES.map((p) => (
                <tr key={p}>
                  <th scope="row">{t(`persp_${p}` as MessageKey)}</th>
                  {[r.before, r.after].map((w, i) => (
                    <td key={i === 0 ? 'b' : 'a'} className="num">
                      {w === null || pct(w.shares[p]) === null ? (
                        <Guarded value={null} k={k} />
                      ) : (
                        `${pct(w.shares[p])}%`
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ))
      )}
    </section>
  );
}
