import type { NarrativeGuidance } from '@trendwacht/shared';
import { useI18n } from '../i18n';

export type GuidanceView = NarrativeGuidance | null;
type Contact = NarrativeGuidance['partners'][number]['contact'];

/**
 * How to respond to one narrative: the angles chosen for it (with why, and the sources of
 * each kind of angle), when to report, and the tenant's expert partners for its theme with
 * their organisations' public contacts.
 */
export function GuidancePanel({ guidance, basis }: { guidance: GuidanceView; basis: string }) {
  const { t, lang } = useI18n();
  if (!guidance) return null;
  return (
    <section aria-labelledby="guidance-h" className="guidance" data-testid="guidance">
      <h2 id="guidance-h">{t('angles')}</h2>
      <p className="muted">{basis}</p>
      <ol className="angles">
        {guidance.angles.map((a) => (
          <li key={a.id} data-testid="angle">
            <strong>{a.label[lang]}.</strong> {a.text[lang]}
            <br />
            <span className="muted">
              {t('guid_why')}: {a.why.map((w) => w[lang]).join(' · ')}. {t('guid_sources')}:{' '}
              {a.sources.map((s, i) => (
                <span key={s.url}>
                  {i > 0 ? '; ' : ''}
                  <a href={s.url} rel="noreferrer" target="_blank">
                    {s.title}
                  </a>
                </span>
              ))}
            </span>
          </li>
        ))}
      </ol>
      {guidance.report && (
        <>
          <h3>{t('whenToReport')}</h3>
          <p>{guidance.report[lang]}</p>
        </>
      )}
      <h3>{t('partners')}</h3>
      {guidance.partners.length === 0 ? (
        <p className="muted">{t('guid_noPartners')}</p>
      ) : (
        <dl className="partners">
          {guidance.partners.map((p) => (
            <div key={p.id} data-testid="partner">
              <dt>{p.name}</dt>
              <dd>{p.expertise[lang]}</dd>
              <dd>
                <PartnerContact contact={p.contact} />
                {p.viaPool ? ` (${t('guid_viaPool')})` : ''}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function PartnerContact({ contact }: { contact: Contact }) {
  const { t } = useI18n();
  const parts = [
    contact.url && (
      <a key="url" href={contact.url} rel="noreferrer" target="_blank">
        {t('guid_contactPage')}
      </a>
    ),
    contact.email && (
      <a key="email" href={`mailto:${contact.email}`}>
        {contact.email}
      </a>
    ),
    contact.phone && (
      <a key="phone" href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>
        {contact.phone}
      </a>
    ),
  ].filter(Boolean);
  return <>{parts.flatMap((p, i) => (i > 0 ? [' · ', p] : [p]))}</>;
}
