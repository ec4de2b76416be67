import { ALL, type Overview, RANGES, type Range } from '@trendwacht/shared';
import { useEffect, useState } from 'react';
import { fetchOverview } from './api';
import { LanguageSwitch } from './components/LanguageSwitch';
import { ThemeCard } from './components/ThemeCard';
import { TimelinePanel } from './components/TimelinePanel';
import { useI18n } from './i18n';
import { useLive } from './use-live';

export function App() {
  const { t, lang } = useI18n();
  const [range, setRange] = useState<Range>('day');
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const live = useLive();

  // biome-ignore lint/correctness/useExhaustiveDependencies: live.tick is the trigger to refetch
  useEffect(() => {
    let cancelled = false;
    fetchOverview(range)
      .then((o) => {
        if (cancelled) return;
        setOverview(o);
        setError(null);
        setUpdatedAt(new Date());
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [range, live.tick]);

  const all = overview?.themes.find((th) => th.id === ALL);
  const themes = overview?.themes.filter((th) => th.id !== ALL) ?? [];

  return (
    <>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header className="top">
        <div>
          <h1>{t('appTitle')}</h1>
          <p className="tagline">{t('tagline')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        <div className="toolbar">
          <fieldset className="range">
            <legend>{t('range')}</legend>
            {RANGES.map((r) => (
              <label key={r}>
                <input type="radio" name="range" value={r} checked={range === r} onChange={() => setRange(r)} />
                {t(r === 'hour' ? 'rangeHour' : 'rangeDay')}
              </label>
            ))}
          </fieldset>
          <output className="status" aria-live="polite">
            <span className={live.connected ? 'dot on' : 'dot'} aria-hidden="true" />
            {live.connected ? t('live') : t('offline')}
            {updatedAt ? ` · ${t('updated', { time: updatedAt.toLocaleTimeString(`${lang}-BE`) })}` : ''}
          </output>
        </div>
        {error && (
          <p className="error" role="alert">
            {t('error', { message: error })}
          </p>
        )}
        {!overview && !error && <p>{t('loading')}</p>}
        {overview && (
          <>
            <section aria-labelledby="themes-h">
              <h2 id="themes-h">{t('themes')}</h2>
              {all && <ThemeCard summary={all} k={overview.k} wide />}
              {all?.posts === 0 && <p>{t('empty')}</p>}
              <ul className="cards">
                {themes.map((th) => (
                  <li key={th.id}>
                    <ThemeCard summary={th} k={overview.k} />
                  </li>
                ))}
              </ul>
            </section>
            <TimelinePanel range={range} tick={live.tick} themes={overview.themes} />
            <p className="note">{t('privacy', { k: overview.k })}</p>
          </>
        )}
      </main>
    </>
  );
}
