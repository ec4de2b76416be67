import { useI18n } from '../i18n';
import { Guarded } from './Guarded';

/** A category count table (languages, sources, target groups…); each count k-guarded. */
export function Breakdown({
  title,
  items,
  label,
  k,
}: { title: string; items: { id: string; posts: number | null }[]; label(id: string): string; k: number }) {
  const { t } = useI18n();
  return (
    <section className="breakdown">
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">—</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col" className="num">
                {t('posts')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>{label(i.id)}</td>
                <td className="num">
                  <Guarded value={i.posts} k={k} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
