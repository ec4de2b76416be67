import type { NarrativeSummary } from '@trendwacht/shared';
import { useI18n } from '../i18n';
import { titleAlt } from './narrative-text';

/** "ook: “bagarre à la foire”": a story's title in its other language, marked as that language. */
export function TitleAlt({ n, as: Tag = 'span' }: { n: NarrativeSummary; as?: 'span' | 'p' }) {
  const { t } = useI18n();
  const alt = titleAlt(n);
  if (!alt) return null;
  return (
    <Tag className="muted title-alt" data-testid="narrative-title-alt">
      {t('nar_titleAlt')} <span lang={alt.lang}>{alt.phrase}</span>{' '}
    </Tag>
  );
}
