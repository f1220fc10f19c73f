import type { ItemDetail } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { formatBytes, formatCoordinate, formatPixels, formatTimestamp } from '../../components/format';
import { KeyValueList } from './KeyValueList';
import { PanelSection } from './PanelSection';
import './item.css';

/** Camera, GPS, file and messenger-name facts of an item. */
export function ItemFacts({ detail }: { readonly detail: ItemDetail }) {
  const { shell } = useEngine();
  const { exif, messenger } = detail;
  const hasGps = exif.gpsLatitude !== null && exif.gpsLongitude !== null;
  return (
    <>
      <PanelSection title="File" testId="item-file">
        <KeyValueList
          rows={[
            ['Name', detail.name],
            ['Exhibit path', detail.exhibitPath, true],
            ['Original path', detail.originalPath, true],
            ['Size', `${formatBytes(detail.size)} (${detail.size.toLocaleString('en-US')} bytes)`],
            ['Kind', `${detail.kind.toUpperCase()}${detail.mime ? ` · ${detail.mime}` : ''}`],
            ['Pixels', formatPixels(detail.width, detail.height)],
            ['Storage', detail.storage === 'copied' ? 'Copied into the case' : 'Referenced in place (not copied)'],
            ['Imported at', formatTimestamp(detail.importedAt), true],
          ]}
        />
        {shell && (
          <div>
            <button type="button" onClick={() => void shell.reveal(detail.originalPath)}>
              Show original in file manager
            </button>
          </div>
        )}
      </PanelSection>
      <PanelSection title="Camera" testId="item-camera">
        <KeyValueList
          rows={[
            ['Make', exif.make],
            ['Model', exif.model],
            ['Software', exif.software],
          ]}
        />
      </PanelSection>
      <PanelSection title="GPS" note="Signed decimal degrees (WGS 84)" testId="item-gps">
        {hasGps ? (
          <KeyValueList
            rows={[
              ['Latitude', formatCoordinate(exif.gpsLatitude), true],
              ['Longitude', formatCoordinate(exif.gpsLongitude), true],
              ['Lat, lon', `${formatCoordinate(exif.gpsLatitude)}, ${formatCoordinate(exif.gpsLongitude)}`, true],
            ]}
          />
        ) : (
          <div className="muted">No GPS coordinates.</div>
        )}
      </PanelSection>
      {messenger && (
        <PanelSection title="File name interpretation" note={`Pattern ${messenger.patternId}`} testId="item-messenger">
          <KeyValueList
            rows={[
              ['Application', messenger.app],
              ['Meaning', messenger.meaning],
              ['Date in name', messenger.date, true],
              ['Time in name', messenger.time, true],
              ['Sequence', messenger.sequence, true],
            ]}
          />
        </PanelSection>
      )}
    </>
  );
}
