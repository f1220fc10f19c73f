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
 * file-system times of the source file as it was imported: they describe that copy, not the capture.
 */
export function ItemTimes({ detail }: { readonly detail: ItemDetail }) {
  const times = detail.times.length > 0 ? detail.times : fallbackTimes(detail);
  const fsOwner = detail.storage === 'copied' ? 'of the source file when imported (that copy, not the capture)' : 'of the referenced file (that copy, not the capture)';
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
