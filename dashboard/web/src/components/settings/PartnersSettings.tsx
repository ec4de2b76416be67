import { type ExpertPartner, THEME_IDS, partnerExpertise, themeLabel } from '@trendwacht/shared';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { Status } from '../Status';
import { PartnerForm } from './PartnerForm';
import { RemoveButton } from './RemoveButton';
import { useSettings } from './use-settings';

/**
 * Expert partners: organisations the municipality calls about a theme, with their public
 * contact. The narrative page lists those of its theme.
 */
export function PartnersSettings() {
  const { t, lang } = useI18n();
  const { settings, error, save, message } = useSettings();
  const [editing, setEditing] = useState<ExpertPartner | null>(null);
  const partners = settings?.partners ?? [];
  /** Saves a new or edited partner; the form empties only once the server took it. */
  const put = async (p: ExpertPartner, form: HTMLFormElement) => {
    const next = editing ? partners.map((x) => (x.id === editing.id ? p : x)) : [...partners, p];
    if (!(await save({ partners: next }))) return;
    form.reset();
    setEditing(null);
  };
  const remove = (id: string) => save({ partners: partners.filter((p) => p.id !== id) });
  return (
    <section aria-labelledby="partners-h">
      <h2 id="partners-h">{t('partners')}</h2>
      <p className="muted">{t('partnersHelp')}</p>
      <Status
        loading={!settings && !error}
        error={error}
        empty={!!settings && partners.length === 0 && t('partnersNone')}
      />
      {partners.length > 0 && (
        <ul className="partners" data-testid="partners">
          {partners.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> — {partnerExpertise(p, lang)}
              <br />
              <span className="muted">{p.themes.map((id) => themeLabel(id)[lang]).join(', ') || '—'}</span>
              {p.contact.url && (
                <>
                  {' · '}
                  <a href={p.contact.url} rel="noreferrer noopener" target="_blank">
                    {t('partnerUrl')}
                  </a>
                </>
              )}
              {p.contact.email && <> · {p.contact.email}</>}
              {p.contact.phone && <> · {p.contact.phone}</>}{' '}
              <button type="button" onClick={() => setEditing(p)} aria-label={t('editItem', { item: p.name })}>
                {t('edit')}
              </button>{' '}
              <RemoveButton item={p.name} onRemove={() => void remove(p.id)} />
            </li>
          ))}
        </ul>
      )}
      <h3>{editing ? t('editItem', { item: editing.name }) : t('partnerAdd')}</h3>
      <PartnerForm
        key={editing?.id ?? 'new'}
        initial={editing}
        themes={THEME_IDS}
        onSubmit={(p: ExpertPartner, e: FormEvent<HTMLFormElement>) => void put(p, e.currentTarget)}
        onCancel={editing ? () => setEditing(null) : undefined}
      />
      {message}
    </section>
  );
}
