import type { Label, Partner } from '@trendwacht/shared';
import { useI18n } from '../i18n';

export type GuidanceView = { angles: Label[]; partners: Partner[]; report?: Label } | null;

/** Response angles, when to report, and the expert partners to call. */
export function GuidancePanel({ guidance }: { guidance: GuidanceView }) {
  const { t, lang } = useI18n();
  if (!guidance) return null;
  return (
    <section aria-labelledby="guidance-h" className="guidance">
      <h2 id="guidance-h">{t('angles')}</h2>
      <ul>
        {guidance.angles.map((a) => (
          <li key={a.nl}>{a[lang]}</li>
        ))}
      </ul>
      {guidance.report && (
        <>
          <h3>{t('whenToReport')}</h3>
          <p>{guidance.report[lang]}</p>
        </>
      )}
      <h3>{t('partners')}</h3>
      <dl>
        {guidance.partners.map((p) => (
          <div key={p.id}>
            <dt>{p.name}</dt>
            <dd>{p.when[lang]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
