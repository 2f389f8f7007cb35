import { useTimeFormat } from '../time-format';

/** The last publish's report as the server writes it into the draft, for everyone on the board. */
export interface SharedPublishReport {
  published?: boolean;
  revision?: number;
  publishedByName?: string;
  publishedAt?: string;
  counts?: { added: number; moved: number; changed: number; removed: number };
  /** People told of a moved or cancelled session. */
  told?: number;
  /** The sessions this publish added, moved or changed, with their pages. */
  links?: { title: string; sessionId: string; startsAt: string }[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the last publish did, in words, with links to what it published. */
export function PublishReportBanner({ report, orgSlug }: { report?: SharedPublishReport; orgSlug: string }) {
  const time = useTimeFormat();
  if (!report?.revision) return null;
  const counts = report.counts;
  const parts = counts
    ? [
        counts.added ? `${counts.added} added` : '',
        counts.moved ? `${counts.moved} moved` : '',
        counts.changed ? `${counts.changed} changed` : '',
        counts.removed ? `${counts.removed} removed` : '',
      ].filter(Boolean)
    : [];
  const told = report.told ?? 0;
  return (
    <section className="notice publish-report" role="status" aria-label="Last publish">
      <p>
        <strong>
          Published revision {report.revision}
          {report.publishedByName ? ` by ${report.publishedByName}` : ''}
        </strong>
        {report.publishedAt ? ` · ${time.shortDateTime(report.publishedAt)}` : ''}
        {parts.length ? ` · ${parts.join(', ')}` : ''}
        {' · '}
        {told ? `${plural(told, 'person was', 'people were')} told` : 'nobody needed telling'}
      </p>
      {report.links?.length ? (
        <ul className="publish-links" aria-label="Published sessions">
          {report.links.slice(0, 12).map((link) => (
            <li key={link.sessionId}>
              <a href={`/${orgSlug}/admin/workshops/sessions/${link.sessionId}`}>
                {link.title}, {time.shortDate(link.startsAt)}
              </a>
            </li>
          ))}
          {report.links.length > 12 ? (
            <li>
              <a href={`/${orgSlug}/admin/workshops`}>and {report.links.length - 12} more</a>
            </li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}
