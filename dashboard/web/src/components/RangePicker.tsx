import { RANGES, type SpanKind } from '@trendwacht/shared';
import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

export type SpanChoice = { range: SpanKind; from?: string; to?: string };

const LABEL: Record<SpanKind, MessageKey> = {
  hour: 'rangeHour',
  day: 'rangeDay',
  week: 'rangeWeek',
  month: 'rangeMonth',
  custom: 'rangeCustom',
};

/** Query parameters of a span for the API. */
export function spanQuery(s: SpanChoice): Record<string, string | undefined> {
  if (s.range !== 'custom') return { range: s.range };
  return {
    range: 'custom',
    from: s.from ? new Date(s.from).toISOString() : undefined,
    to: s.to ? new Date(s.to).toISOString() : undefined,
  };
}

/** Hour, day, week, month, or a custom from–to. */
export function RangePicker({ value, onChange }: { value: SpanChoice; onChange(s: SpanChoice): void }) {
  const { t } = useI18n();
  const [custom, setCustom] = useState(value.range === 'custom');
  const fromId = useId();
  const toId = useId();
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    onChange({ range: 'custom', from: String(f.get('from')), to: String(f.get('to')) });
  };
  return (
    <div className="range-picker">
      <fieldset className="range">
        <legend>{t('range')}</legend>
        {[...RANGES, 'custom' as const].map((r) => (
          <label key={r}>
            <input
              type="radio"
              name="range"
              value={r}
              checked={custom ? r === 'custom' : value.range === r}
              onChange={() => {
                setCustom(r === 'custom');
                if (r !== 'custom') onChange({ range: r });
              }}
            />
            {t(LABEL[r])}
          </label>
        ))}
      </fieldset>
      {custom && (
        <form onSubmit={apply} className="custom-range">
          <label htmlFor={fromId}>{t('from')}</label>
          <input id={fromId} name="from" type="datetime-local" required defaultValue={value.from} />
          <label htmlFor={toId}>{t('to')}</label>
          <input id={toId} name="to" type="datetime-local" required defaultValue={value.to} />
          <button type="submit">{t('apply')}</button>
        </form>
      )}
    </div>
  );
}
