import { type ExpertPartner, type ThemeId, themeLabel } from '@trendwacht/shared';
import type { FormEvent } from 'react';
import { useI18n } from '../../i18n';

/** An id from a name: lowercase letters, digits and hyphens. */
const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'partner';

const text = (f: FormData, name: string) => {
  const v = String(f.get(name) ?? '').trim();
  return v === '' ? undefined : v;
};

/** A partner's fields: name, expertise in nl (fr, en optional), themes, the organisation's public contact. */
export function PartnerForm({
  initial,
  themes,
  onSubmit,
  onCancel,
}: {
  initial: ExpertPartner | null;
  themes: readonly ThemeId[];
  onSubmit: (p: ExpertPartner, e: FormEvent<HTMLFormElement>) => void;
  onCancel: (() => void) | undefined;
}) {
  const { t, lang } = useI18n();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const name = text(f, 'name') ?? '';
    const fr = text(f, 'expertise-fr');
    const en = text(f, 'expertise-en');
    const url = text(f, 'url');
    const email = text(f, 'email');
    const phone = text(f, 'phone');
    onSubmit(
      {
        id: initial?.id ?? slug(name),
        name,
        expertise: { nl: text(f, 'expertise-nl') ?? '', ...(fr ? { fr } : {}), ...(en ? { en } : {}) },
        themes: themes.filter((id) => f.getAll('themes').includes(id)),
        contact: { ...(url ? { url } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
      },
      e,
    );
  };
  return (
    <form onSubmit={submit} className="stack" data-testid="partner-form">
      <label>
        {t('partnerName')}
        <input name="name" required maxLength={120} defaultValue={initial?.name} />
      </label>
      {(['nl', 'fr', 'en'] as const).map((l) => (
        <label key={l}>
          {t('partnerExpertise', { lang: l.toUpperCase() })}
          <textarea
            name={`expertise-${l}`}
            required={l === 'nl'}
            maxLength={300}
            rows={2}
            defaultValue={initial?.expertise[l]}
          />
        </label>
      ))}
      <fieldset>
        <legend>{t('themes')}</legend>
        {themes.map((id) => (
          <label key={id} className="check">
            <input type="checkbox" name="themes" value={id} defaultChecked={initial?.themes.includes(id)} />{' '}
            {themeLabel(id)[lang]}
          </label>
        ))}
      </fieldset>
      <label>
        {t('partnerUrl')}
        <input name="url" type="url" pattern="https://.*" maxLength={300} defaultValue={initial?.contact.url} />
      </label>
      <label>
        {t('partnerEmail')}
        <input name="email" type="email" maxLength={200} defaultValue={initial?.contact.email} />
      </label>
      <label>
        {t('partnerPhone')}
        <input name="phone" type="tel" maxLength={25} defaultValue={initial?.contact.phone} />
      </label>
      <p className="muted">{t('partnerContactHelp')}</p>
      <div className="row">
        <button type="submit">{t('save')}</button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
