import { API, themeLabel } from '@trendwacht/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { getJson, qs } from '../api';
import { Breakdown } from '../components/Breakdown';
import { DossierActions } from '../components/DossierActions';
import { FlagIncident } from '../components/FlagIncident';
import { Guarded } from '../components/Guarded';
import { GuidancePanel } from '../components/GuidancePanel';
import { NarrativeCuration } from '../components/NarrativeCuration';
import { PERSPECTIVE_COLOURS, PerspectiveChart } from '../components/PerspectiveChart';
import { RangePicker, type SpanChoice, spanQuery } from '../components/RangePicker';
import { ResponseLog } from '../components/ResponseLog';
import { Status } from '../components/Status';
import { ZoneNote, useTime } from '../components/Time';
import { TitleAlt } from '../components/TitleAlt';
import { hiddenText, narrativeTitle, windowText } from '../components/narrative-text';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { useData } from '../use-data';

/**
 * Narratief: what the story claims (its phrase title and key terms), who pushes, counters,
 * reports or asks about it and how that moves, its tone and lineage, how to respond, and
 * whether a response worked. Every count is over the window shown beside it.
 */
export function NarrativePage() {
  const { id = '' } = useParams();
  const { t, lang, fmt } = useI18n();
  const tenant = useTenant();
  const [span, setSpan] = useState<SpanChoice>({ range: 'day' });
  const {
    data: n,
    error,
    reload,
  } = useData(
    () => getJson(`${tenant.api}/narratives/${id}${qs(spanQuery(span))}`, API.narrative),
    [tenant.api, id, span, tenant.tick],
  );
  const { at: date } = useTime();
  const title = n ? narrativeTitle(n, t, lang) : t('kind_narrative');
  const name = (p: string) => t(`persp_${p}` as MessageKey);
  const win = n ? windowText(span, n.window, t, date) : '';
  return (
    <>
      {n && (
        <p>
          <Link to={`${tenant.base}/themes/${n.theme}`}>← {themeLabel(n.theme)[lang]}</Link>
        </p>
      )}
      <h1>
        <span className="muted kicker">{t('kind_narrative')}</span> <span data-testid="narrative-title">{title}</span>
      </h1>
      {n && <TitleAlt n={n} as="p" />}
      {n && n.titleFrom !== 'theme' && (
        <p className="muted">
          {n.titleFrom === 'analyst'
            ? t('nar_titleFromAnalyst')
            : n.titleFrom === 'phrase'
              ? t('nar_titleFromPhrase', { k: n.k })
              : ''}
          {n.dismissed ? ` · ${t('nar_dismissed')}` : ''}
          {n.pinned ? ` · ${t('nar_pinned')}` : ''}
        </p>
      )}
      <div className="no-print">
        <RangePicker value={span} onChange={setSpan} />
      </div>
      <Status loading={!n && !error} error={error} />
      {n && (
        <>
          <p className="count" data-testid="narrative-count">
            <strong>
              <Guarded value={n.posts} k={n.k} />
            </strong>{' '}
            {t('posts')} · <Guarded value={n.authors} k={n.k} /> {t('authors')}{' '}
            {t('nar_inWindow', { window: windowText(span, n.window, t, date, true) })}
            {hiddenText(n.perspectives[0]?.series ?? [], n.k, t)}
            {n.langs.length > 0
              ? ` · ${t('nar_langs')}: ${n.langs.map((l) => t(`lang_${l}` as MessageKey)).join(', ')}`
              : ''}
            {' · '}
            {t('firstSeen')} {date(n.firstSeen)} · {t('lastSeen')} {date(n.lastSeen)}
            {n.growth !== null ? ` · ${t('growth')}: ×${fmt(n.growth)}` : ''}
          </p>
          <ZoneNote at={n.window.to} />
          {n.label.length > 0 && (
            <p>
              <strong>{t('nar_keyTerms')}:</strong>{' '}
              <span className="chips">
                {n.label.map((x) => (
                  <span key={x} className="chip">
                    {x}
                  </span>
                ))}
              </span>
            </p>
          )}
          <div className="no-print">
            <FlagIncident title={`${t('kind_narrative')}: ${title}`} narrativeId={n.id} />
          </div>
          <DossierActions path={`${tenant.api}/narratives/${n.id}/dossier${qs(spanQuery(span))}`} />
          <section aria-labelledby="persp-h">
            <h2 id="persp-h">
              {t('perspectives')} <span className="muted">({win})</span>
            </h2>
            <p className="muted">{t('persp_help')}</p>
            <div className="share-bar" aria-hidden="true">
              {n.perspectives.map((p) =>
                p.share ? (
                  <span
                    key={p.perspective}
                    style={{ width: `${p.share * 100}%`, background: PERSPECTIVE_COLOURS[p.perspective] }}
                  >
                    {p.share >= 0.08 ? `${Math.round(p.share * 100)}%` : ''}
                  </span>
                ) : null,
              )}
            </div>
            <div className="grid">
              {n.perspectives.map((p) => (
                <article
                  key={p.perspective}
                  className="card perspective"
                  style={{ borderTopColor: PERSPECTIVE_COLOURS[p.perspective] }}
                  aria-labelledby={`p-${p.perspective}`}
                  data-testid={`perspective-${p.perspective}`}
                >
                  <h3 id={`p-${p.perspective}`}>{name(p.perspective)}</h3>
                  <p className="big">
                    <span data-testid="share">{p.share !== null ? `${Math.round(p.share * 100)}%` : `< ${n.k}`}</span>
                  </p>
                  <p className="muted">
                    {p.posts !== null ? fmt(p.posts) : `< ${n.k}`} {t('posts')}
                  </p>
                  <h4>{t('nar_ownPhrases')}</h4>
                  {p.terms.length > 0 ? (
                    <p>{p.terms.map((x) => x.term).join(' · ')}</p>
                  ) : (
                    <p className="muted">{t('nar_noOwnTerms', { k: n.k })}</p>
                  )}
                </article>
              ))}
            </div>
            <h3>{t('nar_shareChart')}</h3>
            <PerspectiveChart
              perspectives={n.perspectives}
              granularity={n.granularity}
              title={`${t('nar_shareChart')}: ${title}`}
              k={n.k}
            />
          </section>
          <div className="grid">
            <Breakdown
              title={`${t('nar_tone')} (${win})`}
              items={(['neg', 'neu', 'pos'] as const).map((x) => ({ id: x, posts: n.tone[x] }))}
              label={(x) => t(x as MessageKey)}
              k={n.k}
            />
            <section className="breakdown">
              <h3>{t('nar_lineage')}</h3>
              <ol className="timeline" data-testid="lineage">
                {n.lineage.map((e) => (
                  <li key={`${e.kind}-${e.at}-${e.other?.id ?? ''}`}>
                    <time dateTime={new Date(e.at).toISOString()}>{date(e.at)}</time>{' '}
                    {t(`nar_event_${e.kind}` as MessageKey)}
                    {e.other ? (
                      <>
                        {': '}
                        <Link to={`${tenant.base}/narratives/${e.other.id}`}>{e.other.title}</Link>
                      </>
                    ) : e.kind === 'founded' ? (
                      ''
                    ) : (
                      `: ${t('nar_unnamed', { k: n.k })}`
                    )}
                  </li>
                ))}
              </ol>
            </section>
          </div>
          <GuidancePanel guidance={n.guidance} basis={t('nar_guidanceBasis', { window: win })} />
          <ResponseLog narrativeId={n.id} responses={n.responses} k={n.k} onChange={reload} />
          <div className="no-print">
            <NarrativeCuration n={n} onChange={reload} />
          </div>
        </>
      )}
    </>
  );
}
