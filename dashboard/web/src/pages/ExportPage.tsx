import { ALL, API, EXPORT_FORMATS, ExportJsonSchema, THEME_IDS, fillPath } from '@trendwacht/shared';
import { type FormEvent, useState } from 'react';
import { download, qs } from '../api';
import { ThemeOptions } from '../components/EnumOptions';
import { RangePicker, type SpanChoice, spanQuery } from '../components/RangePicker';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';

/** Export: topic summaries per theme or narrative over a span, as CSV, JSON or NDJSON (k-anonymous). */
export function ExportPage() {
  const { t } = useI18n();
  const tenant = useTenant();
  const [span, setSpan] = useState<SpanChoice>({ range: 'week' });
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: boolean }>({
    busy: false,
    message: null,
    error: false,
  });
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const narrative = String(f.get('narrative') ?? '').trim();
    const format = String(f.get('format'));
    setState({ busy: true, message: t('exporting'), error: false });
    try {
      const file = await download(
        `${fillPath(API.export.path, { tenant: tenant.id })}${qs({ ...spanQuery(span), format, ...(narrative ? { narrative } : { theme: String(f.get('theme')) }) })}`,
      );
      const text = await file.blob.text();
      const rows =
        format === 'json'
          ? ExportJsonSchema.parse(JSON.parse(text)).rows.length
          : text.trim().split('\n').length - (format === 'csv' ? 1 : 0);
      const url = URL.createObjectURL(file.blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(url);
      setState({ busy: false, message: t('exportDone', { name: file.name, rows }), error: false });
    } catch (err) {
      setState({ busy: false, message: err instanceof Error ? err.message : String(err), error: true });
    }
  };
  return (
    <>
      <h1>{t('export')}</h1>
      <p>{t('exportHelp', { k: tenant.k })}</p>
      <RangePicker value={span} onChange={setSpan} />
      <form onSubmit={submit} className="stack" aria-busy={state.busy}>
        <label>
          {t('theme')}
          <select name="theme" defaultValue={ALL}>
            <ThemeOptions ids={[ALL, ...THEME_IDS]} />
          </select>
        </label>
        <label>
          {t('narrativeId')}
          <input name="narrative" pattern="[a-z0-9-]{1,40}" />
        </label>
        <fieldset>
          <legend>{t('format')}</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f}>
              <input type="radio" name="format" value={f} defaultChecked={f === 'csv'} /> {f.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={state.busy}>
          {t('download')}
        </button>
        {state.busy && <progress aria-label={t('exporting')} />}
        {state.message && (
          <p
            role={state.error ? 'alert' : 'status'}
            className={state.error ? 'error' : 'note'}
            data-testid="export-status"
          >
            {state.message}
          </p>
        )}
      </form>
    </>
  );
}
