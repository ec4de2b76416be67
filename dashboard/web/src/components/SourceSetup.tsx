import { API, SOURCE_KINDS, type SourceConfig, type SourceKind, secretPrefix, secretRefs } from '@trendwacht/shared';
import { type FormEvent, useState } from 'react';
import { getJson, sendForm } from '../api';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { useData } from '../use-data';
import { EnumOptions } from './EnumOptions';
import { Status } from './Status';
import { TableHead } from './TableHead';
import { useMessage } from './use-message';

const lines = (v: FormDataEntryValue | null) =>
  String(v ?? '')
    .split(/\s+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** One entry per line (keywords may hold spaces: "Grote Markt"). */
const perLine = (v: FormDataEntryValue | null) =>
  String(v ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** A YouTube channel or video, as an id or a link (youtube.com/channel/…, /watch?v=…, youtu.be/…). */
function youtubeTarget(v: string): { channel: string } | { video: string } {
  const channel = /(UC[A-Za-z0-9_-]{22})/.exec(v)?.[1];
  if (channel) return { channel };
  const video = /(?:v=|youtu\.be\/|shorts\/|^)([A-Za-z0-9_-]{11})(?:[?&#]|$)/.exec(v)?.[1];
  return { video: video ?? v };
}

/** What a source reads, in one line (instances, feeds, subreddits). */
function targets(s: SourceConfig): string {
  if (s.kind === 'mastodon')
    return `${s.instances.join(', ')} · ${s.stream}${s.tag ? ` #${s.tag}` : ''} · ${s.transport}`;
  if (s.kind === 'feed') return s.urls.join(', ');
  if (s.kind === 'reddit') return `${s.subreddits.map((r) => `r/${r}`).join(', ')}${s.comments ? ' · +💬' : ''}`;
  if (s.kind === 'bluesky') return s.keywords.length > 0 ? s.keywords.join(', ') : s.url;
  if (s.kind === 'youtube') return [...s.channels, ...s.videos].join(', ');
  if (s.kind === 'telegram') return s.channels.map((c) => `t.me/${c}`).join(', ');
  return s.rules ? s.rules.join(' · ') : 'filtered stream';
}

/** The form's fields as a source configuration (the server checks it with the shared schema). */
function fromForm(kind: SourceKind, f: FormData): Record<string, unknown> {
  const id = String(f.get('id') ?? '').trim();
  const secret = String(f.get('secret') ?? '').trim();
  const interval = Number(f.get('interval')) || undefined;
  switch (kind) {
    case 'mastodon':
      return {
        id,
        kind,
        instances: lines(f.get('targets')),
        stream: f.get('stream'),
        transport: f.get('transport'),
        ...(String(f.get('tag') ?? '').trim() ? { tag: String(f.get('tag')).trim().replace(/^#/, '') } : {}),
        ...(secret ? { tokenEnv: secret } : {}),
      };
    case 'feed':
      return { id, kind, urls: lines(f.get('targets')), ...(interval ? { intervalSeconds: interval } : {}) };
    case 'reddit':
      return {
        id,
        kind,
        subreddits: lines(f.get('targets')).map((r) => r.replace(/^\/?r\//, '')),
        comments: f.get('comments') === 'on',
        tokenEnv: secret,
        ...(interval ? { intervalSeconds: interval } : {}),
      };
    case 'bluesky':
      return { id, kind, keywords: perLine(f.get('targets')) };
    case 'youtube': {
      const targets = lines(f.get('targets')).map(youtubeTarget);
      return {
        id,
        kind,
        channels: targets.flatMap((x) => ('channel' in x ? [x.channel] : [])),
        videos: targets.flatMap((x) => ('video' in x ? [x.video] : [])),
        keyEnv: secret,
        ...(interval ? { intervalSeconds: interval } : {}),
      };
    }
    case 'telegram':
      return {
        id,
        kind,
        channels: lines(f.get('targets')).map((c) =>
          c.replace(/^(https?:\/\/)?t\.me\/(s\/)?|^@/, '').replace(/\/.*$/, ''),
        ),
        ...(interval ? { intervalSeconds: interval } : {}),
      };
    case 'x': {
      const rules = lines(f.get('targets'));
      return { id, kind, ...(secret ? { bearerEnv: secret } : {}), ...(rules.length > 0 ? { rules } : {}) };
    }
  }
}

/**
 * Bronnen instellen: the tenant's sources — from the config file (read-only here) and added
 * on this page. A source names the environment variable of its token, never the token.
 */
export function SourceSetup() {
  const { t } = useI18n();
  const tenant = useTenant();
  const list = useData(() => getJson(`${tenant.api}/sources/config`, API.sourceConfig), [tenant.api]);
  const msg = useMessage();
  const [kind, setKind] = useState<SourceKind>('feed');
  const editable = tenant.may('settings.write');
  const own = (list.data?.sources ?? []).filter((s) => s.origin === 'settings').map((s) => s.source);
  const save = (next: unknown[]) =>
    msg.run(
      async () => list.setData(await sendForm(API.putSourceConfig, `${tenant.api}/sources/config`, { sources: next })),
      t('saved'),
    );
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    void save([...own, fromForm(kind, new FormData(form))]).then(() => form.reset());
  };
  const needsSecret = kind === 'mastodon' || kind === 'reddit' || kind === 'x' || kind === 'youtube';
  const polled = kind === 'feed' || kind === 'reddit' || kind === 'youtube' || kind === 'telegram';
  const secretExample =
    { x: 'X_BEARER', reddit: 'REDDIT_TOKEN', youtube: 'YOUTUBE_KEY' }[kind as string] ?? 'MASTODON_TOKEN';
  return (
    <section aria-labelledby="srccfg-h">
      <h2 id="srccfg-h">{t('sourceSetup')}</h2>
      <p className="muted">{t('sourceSetupHelp')}</p>
      <Status
        loading={!list.data && !list.error}
        error={list.error}
        empty={list.data?.sources.length === 0 && t('sourceSetupNone')}
      />
      {list.data && list.data.sources.length > 0 && (
        <table data-testid="source-config">
          <TableHead
            columns={['sourceId', 'sourceKind', 'sourceTargets', 'sourceSecret', 'sourceOrigin', 'sourceEnabled']}
            action={editable ? 'remove' : undefined}
          />
          <tbody>
            {list.data.sources.map(({ source: s, origin }) => {
              const mine = origin === 'settings' && editable;
              return (
                <tr key={`${origin}:${s.id}`}>
                  <td>{s.id}</td>
                  <td>{t(`platform_${s.kind}`)}</td>
                  <td className="wrap">{targets(s)}</td>
                  <td>{secretRefs(s).join(', ') || '—'}</td>
                  <td>{t(origin === 'file' ? 'originFile' : 'originSettings')}</td>
                  <td>
                    <input
                      type="checkbox"
                      checked={s.enabled}
                      disabled={!mine}
                      aria-label={t('enableItem', { item: s.id })}
                      onChange={() => void save(own.map((x) => (x.id === s.id ? { ...x, enabled: !x.enabled } : x)))}
                    />
                  </td>
                  {editable && (
                    <td>
                      {mine && (
                        <button
                          type="button"
                          aria-label={t('removeItem', { item: s.id })}
                          onClick={() => void save(own.filter((x) => x.id !== s.id))}
                        >
                          {t('remove')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editable && (
        <>
          <h3>{t('addSource')}</h3>
          <form onSubmit={add} className="stack">
            <label>
              {t('sourceKind')}
              <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as SourceKind)}>
                <EnumOptions values={SOURCE_KINDS} prefix="platform" />
              </select>
            </label>
            <label>
              {t('sourceId')}
              <input name="id" required pattern="[a-z0-9][a-z0-9\-]{0,39}" placeholder="stad-nieuws" />
            </label>
            <label>
              {t(`targets_${kind}`)}
              <textarea name="targets" rows={3} required={kind !== 'bluesky' && kind !== 'x'} />
            </label>
            {kind === 'mastodon' && (
              <div className="row">
                <label>
                  {t('stream')}
                  <select name="stream" defaultValue="public">
                    <option value="public">public</option>
                    <option value="local">local</option>
                    <option value="hashtag">hashtag</option>
                  </select>
                </label>
                <label>
                  {t('hashtag')}
                  <input name="tag" />
                </label>
                <label>
                  {t('transport')}
                  <select name="transport" defaultValue="sse">
                    <option value="sse">SSE</option>
                    <option value="websocket">WebSocket</option>
                  </select>
                </label>
              </div>
            )}
            {kind === 'reddit' && (
              <label className="check">
                <input name="comments" type="checkbox" defaultChecked />
                {t('sourceRedditComments')}
              </label>
            )}
            {polled && (
              <label>
                {t('intervalSeconds')}
                <input
                  name="interval"
                  type="number"
                  min={kind === 'reddit' ? 10 : 60}
                  placeholder={{ feed: '300', reddit: '60', youtube: '900', telegram: '300' }[kind as string]}
                />
              </label>
            )}
            {needsSecret && (
              <label>
                {t('sourceSecretName')}
                <input
                  name="secret"
                  required={kind === 'reddit' || kind === 'youtube'}
                  pattern="[A-Z][A-Z0-9_]{1,63}"
                  placeholder={`${secretPrefix(tenant.id)}${secretExample}`}
                  autoComplete="off"
                  aria-describedby="src-secret-help"
                />
              </label>
            )}
            {needsSecret && (
              <p id="src-secret-help" className="muted">
                {t('sourceSecretHelp', { prefix: secretPrefix(tenant.id) })}
              </p>
            )}
            <button type="submit">{t('add')}</button>
          </form>
        </>
      )}
      {msg.view}
    </section>
  );
}
