import type { ItemDetail, SourcedTime } from '../../../../native/engine/contract';
import { formatTimestamp } from '../../components/format';
import { KeyValueList } from './KeyValueList';
import { PanelSection } from './PanelSection';
import './item.css';

/** Key EXIF times as sourced times, for engines that leave `times` empty. */
function fallbackTimes(detail: ItemDetail): SourcedTime[] {
  const times: SourcedTime[] = [];
  const add = (source: string, raw: string | null) => raw && times.push({ source, raw, offset: null });
  add('DateTimeOriginal', detail.exif.dateTimeOriginal);
  add('CreateDate', detail.exif.createDate);
  add('ModifyDate', detail.exif.modifyDate);
  return times;
}

/**
 * Embedded timestamps with the tag each came from, its raw value and recorded offset; then the
 * file-system times, labelled as belonging to the case copy (or the referenced file).
 */
export function ItemTimes({ detail }: { readonly detail: ItemDetail }) {
  const times = detail.times.length > 0 ? detail.times : fallbackTimes(detail);
  const fsOwner = detail.storage === 'copied' ? 'of the case copy, not the original' : 'of the referenced file';
  return (
    <PanelSection title="Times" note="As written in the file; no time zone assumed" testId="item-times">
      {times.length === 0 ? (
        <div className="muted">No embedded timestamps.</div>
      ) : (
        <table className="data times-table">
          <thead>
            <tr>
              <th>Source</th>
              <th>Raw value</th>
              <th>Offset</th>
            </tr>
          </thead>
          <tbody>
            {times.map((time, index) => (
              <tr key={`${time.source}-${index}`}>
                <td className="source-tag">{time.source}</td>
                <td className="mono selectable">{time.raw}</td>
                <td className="mono">{time.offset ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="section-note">File-system times {fsOwner}</div>
      <KeyValueList
        rows={[
          ['Modified (FS)', detail.fileTimes.modified && formatTimestamp(detail.fileTimes.modified), true],
          ['Accessed (FS)', detail.fileTimes.accessed && formatTimestamp(detail.fileTimes.accessed), true],
          ['Created (FS)', detail.fileTimes.created && formatTimestamp(detail.fileTimes.created), true],
        ]}
      />
    </PanelSection>
  );
}
