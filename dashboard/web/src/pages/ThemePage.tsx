import { API, type NarrativeSummary, ThemeDetailSchema } from '@trendwacht/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { getJson, qs } from '../api';
import { Breakdown } from '../components/Breakdown';
import { Guarded } from '../components/Guarded';
import { RangePicker, type SpanChoice, spanQuery } from '../components/RangePicker';
import { SeriesChart } from '../components/SeriesChart';
import { Status } from '../components/Status';
import { ZoneNote, useTime } from '../components/Time';
import { TitleAlt } from '../components/TitleAlt';
import { hiddenText, narrativeTitle, windowText } from '../components/narrative-text';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { useData } from '../use-data';

/** Thema: timeline, target groups, terms, narratives, tone, sources and languages over a chosen span. */
export function ThemePage() {
  const { theme = '' } = useParams();
  const { t, lang, fmt } = useI18n();
  const tenant = useTenant();
  const [span, setSpan] = useState<SpanChoice>({ range: 'day' });
  const detail = useData(
    () => getJson(`${tenant.api}/themes/${theme}${qs(spanQuery(span))}`, ThemeDetailSchema),
    [tenant.api, theme, span, tenant.tick],
  );
  const narratives = useData(
    () =>
      theme === 'all'
        ? Promise.resolve({ narratives: [] as NarrativeSummary[] })
        : getJson(`${tenant.api}/narratives${qs({ theme, ...spanQuery(span) })}`, API.narratives),
    [tenant.api, theme, span, tenant.tick],
  );
  const d = detail.data;
  const { at } = useTime();
  const win = d ? windowText(span, d, t, at) : '';
  const inWin = (title: string) => `${title} (${win})`;
  const label = (key: string) => t(key as MessageKey);
  return (
    <>
      <p>
        <Link to={tenant.base}>← {t('navOverview')}</Link>
      </p>
      <h1>{d ? d.label[lang] : t('theme')}</h1>
      <RangePicker value={span} onChange={setSpan} />
      <Status loading={!d && !detail.error} error={detail.error} />
      {d && (
        <>
          <p className="count">
            <strong data-testid="theme-posts">
              <Guarded value={d.posts} k={d.k} />
            </strong>{' '}
            {t('posts')} · <Guarded value={d.authors} k={d.k} /> {t('authors')}{' '}
            {t('nar_inWindow', { window: windowText(span, d, t, at, true) })}
            {hiddenText(d.points, d.k, t)}
          </p>
          <ZoneNote at={d.to} />
          <section aria-labelledby="tl-h">
            <h2 id="tl-h">{t('timeline')}</h2>
            <SeriesChart
              points={d.points}
              granularity={d.granularity}
              title={`${t('timeline')}: ${d.label[lang]}`}
              k={d.k}
            />
          </section>
          <div className="grid">
            <Breakdown
              title={inWin(t('targetGroups'))}
              items={d.targets}
              label={(id) => label(`target_${id}`)}
              k={d.k}
            />
            <Breakdown title={inWin(t('stances'))} items={d.stances} label={(id) => label(`stance_${id}`)} k={d.k} />
            <Breakdown
              title={inWin(t('tone'))}
              items={(['neg', 'neu', 'pos'] as const).map((id) => ({ id, posts: d.tone[id] }))}
              label={(id) => label(id)}
              k={d.k}
            />
            <Breakdown title={inWin(t('languages'))} items={d.langs} label={(id) => label(`lang_${id}`)} k={d.k} />
            <Breakdown title={inWin(t('sources'))} items={d.sources} label={(id) => id} k={d.k} />
          </div>
          <section aria-labelledby="terms-h">
            <h2 id="terms-h">
              {t('topTerms')} <span className="muted">({win})</span>
            </h2>
            {d.topTerms.length === 0 ? (
              <p className="muted">{t('noTerms', { k: d.k })}</p>
            ) : (
              <ol className="terms-list">
                {d.topTerms.map((x) => (
                  <li key={x.term}>
                    {x.term} <span className="muted">({fmt(x.count)})</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
      {theme !== 'all' && (
        <section aria-labelledby="nar-h">
          <h2 id="nar-h">
            {t('narratives')} {d && <span className="muted">({win})</span>}
          </h2>
          <p className="muted">{t('nar_listHelp')}</p>
          <Status
            loading={!narratives.data && !narratives.error}
            error={narratives.error}
            empty={narratives.data?.narratives.length === 0 && t('noNarratives', { k: d?.k ?? 5 })}
          />
          <ul className="narratives">
            {narratives.data?.narratives.map((n) => (
              <li key={n.id}>
                <Link to={`${tenant.base}/narratives/${n.id}`} data-testid="narrative-link">
                  {narrativeTitle(n, t, lang)}
                </Link>{' '}
                <TitleAlt n={n} />
                <span className="muted">
                  <Guarded value={n.posts} k={d?.k ?? tenant.k} /> {t('posts')},{' '}
                  <Guarded value={n.authors} k={d?.k ?? tenant.k} /> {t('authors')}
                  {n.langs.length > 1 ? ` · ${n.langs.map((l) => label(`lang_${l}`)).join(', ')}` : ''}
                  {n.growth !== null ? ` · ${t('growth')}: ×${fmt(n.growth)}` : ''}
                  {n.pinned ? ` · ${t('nar_pinned')}` : ''}
                </span>
                {n.titleFrom !== 'terms' && n.label.length > 0 && (
                  <span className="chips">
                    {n.label.slice(0, 4).map((x) => (
                      <span key={x} className="chip">
                        {x}
                      </span>
                    ))}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
