import { type NarrativeSummary, type Perspective, themeLabel } from '@trendwacht/shared';
import { Link, useParams } from 'react-router';
import { getJson } from '../api';
import { FlagIncident } from '../components/FlagIncident';
import { Guarded } from '../components/Guarded';
import { GuidancePanel, type GuidanceView } from '../components/GuidancePanel';
import { SeriesChart } from '../components/SeriesChart';
import { Status } from '../components/Status';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../tenant';
import { useData } from '../use-data';

type NarrativeView = NarrativeSummary & { k: number; perspectives: Perspective[]; guidance: GuidanceView };

/** Narratief: its perspectives over time, their distinctive terms, response angles and partners. */
export function NarrativePage() {
  const { id = '' } = useParams();
  const { t, lang, fmt } = useI18n();
  const tenant = useTenant();
  const { data: n, error } = useData(
    () => getJson<NarrativeView>(`${tenant.api}/narratives/${id}`),
    [tenant.api, id, tenant.tick],
  );
  const date = (ms: number) => new Date(ms).toLocaleString(`${lang}-BE`);
  const title = n ? n.label.join(' · ') || n.id : t('kind_narrative');
  return (
    <>
      {n && (
        <p>
          <Link to={`${tenant.base}/themes/${n.theme}`}>← {themeLabel(n.theme)[lang]}</Link>
        </p>
      )}
      <h1>
        {t('kind_narrative')}: {title}
      </h1>
      <Status loading={!n && !error} error={error} />
      {n && (
        <>
          <p>
            {fmt(n.posts)} {t('posts')} · {fmt(n.authors)} {t('authors')} · {t('firstSeen')} {date(n.firstSeen)} ·{' '}
            {t('lastSeen')} {date(n.lastSeen)}
            {n.growth !== null ? ` · ${t('growth')}: ×${fmt(n.growth)}` : ''}
          </p>
          <FlagIncident title={`${t('kind_narrative')}: ${title}`} narrativeId={n.id} />
          <section aria-labelledby="persp-h">
            <h2 id="persp-h">{t('perspectives')}</h2>
            <div className="grid">
              {n.perspectives.map((p) => {
                const name = t(`stance_${p.stance}` as MessageKey);
                return (
                  <article key={p.stance} className="card" aria-labelledby={`p-${p.stance}`}>
                    <h3 id={`p-${p.stance}`}>{name}</h3>
                    <p>
                      <Guarded value={p.posts} k={n.k} /> {t('posts')}
                      {p.share !== null ? ` · ${t('share')} ${Math.round(p.share * 100)}%` : ''}
                    </p>
                    {p.terms.length > 0 && (
                      <p>
                        {p.terms
                          .slice(0, 8)
                          .map((x) => x.term)
                          .join(', ')}
                      </p>
                    )}
                    <SeriesChart points={p.series} granularity="hour" title={`${name}: ${t('timeline')}`} k={n.k} />
                  </article>
                );
              })}
            </div>
          </section>
          <GuidancePanel guidance={n.guidance} />
        </>
      )}
    </>
  );
}
