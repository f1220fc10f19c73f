import type { ItemRow } from '../../../../native/engine/contract';
import { WARM_SCORE } from '../forensics/forensics-view';
import { WatchlistBadge } from '../links/WatchlistBadge';
import '../../components/components.css';
import './evidence.css';
import '../forensics/forensics.css';

/** Overlay badges of a grid card: kind, exact duplicates, near-duplicates, GPS, forensic score, watchlist hits, tags and error. */
export function ItemBadges({ row }: { readonly row: ItemRow }) {
  const duplicate = row.duplicateGroup !== null || row.duplicateCount > 1;
  return (
    <div className="card-badges">
      <span className="badge kind">{row.kind}</span>
      {duplicate && (
        <span className="badge dup" title={`Exact duplicate (same SHA-256), group of ${row.duplicateCount}`} data-badge="duplicate">
          Dup {row.duplicateCount}
        </span>
      )}
      {row.nearDuplicateGroup !== null && (
        <span className="badge near" title="Visually near-identical to other items" data-badge="near">
          Near
        </span>
      )}
      {row.hasGps && (
        <span className="badge gps" title="Carries GPS coordinates" data-badge="gps">
          GPS
        </span>
      )}
      {row.forensicScore !== null && (
        <span
          className={row.forensicScore >= WARM_SCORE ? 'badge forensic warm' : 'badge forensic'}
          title="Fused manipulation-indicators score"
          data-badge="forensic"
          data-score={row.forensicScore}
        >
          Forensic {row.forensicScore.toFixed(2)}
        </span>
      )}
      <WatchlistBadge hits={row.watchlistHits} />
      {row.tags.length > 0 && (
        <span className="badge tag" title={row.tags.join(', ')} data-badge="tag">
          Tag {row.tags.length}
        </span>
      )}
      {row.error && (
        <span className="badge error right" title={row.error} data-badge="error">
          Error
        </span>
      )}
    </div>
  );
}
