import type { Exhibit } from '../../../../native/engine/contract';
import { formatTimestamp } from '../../components/format';
import './exhibits.css';

/** The collection record of an exhibit as a compact definition list (empty fields left out). */
export function ExhibitRecordView({ exhibit }: { readonly exhibit: Exhibit }) {
  const device = [exhibit.deviceMake, exhibit.deviceModel].filter(Boolean).join(' ');
  const rows: [string, string | null][] = [
    ['Seal', exhibit.sealNumber],
    ['Seized by', exhibit.seizedBy],
    ['Seized at', exhibit.seizedAt ? formatTimestamp(exhibit.seizedAt) : null],
    ['Place', exhibit.place],
    ['Device', device || null],
    ['Serial', exhibit.deviceSerial],
    ['IMEI', exhibit.deviceImei],
    ['Registered', formatTimestamp(exhibit.createdAt)],
  ];
  return (
    <dl className="record" aria-label={`Collection record of ${exhibit.label}`}>
      {rows
        .filter((row): row is [string, string] => Boolean(row[1]))
        .map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd className={label === 'Serial' || label === 'IMEI' || label === 'Seal' ? 'mono' : undefined}>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
