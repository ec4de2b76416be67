import type { ThemeSummary } from '@trendwacht/shared';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { Guarded } from './Guarded';

export function ThemeCard({ summary, k, wide }: { summary: ThemeSummary; k: number; wide?: boolean }) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const id = `theme-${summary.id}`;
  return (
    <article className={wide ? 'card wide' : 'card'} aria-labelledby={id} data-theme={summary.id}>
      <h3 id={id}>
        <Link to={`${tenant.base}/themes/${summary.id}`}>{summary.label[lang]}</Link>
      </h3>
      <p className="count">
        <strong data-testid={`posts-${summary.id}`}>
          <Guarded value={summary.posts} k={k} />
        </strong>{' '}
        {t('posts')}
      </p>
      <p className="authors">
        <Guarded value={summary.authors} k={k} /> {t('authors')}
      </p>
      {!summary.suppressed && summary.topTerms.length > 0 && (
        <div className="terms">
          <h4>{t('topTerms')}</h4>
          <ul>
            {summary.topTerms.slice(0, 6).map((term) => (
              <li key={term.term}>{term.term}</li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}
