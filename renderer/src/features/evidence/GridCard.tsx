import { memo, useState } from 'react';
import type { ItemRow } from '../../../../native/engine/contract';
import { formatBytes, formatPixels } from '../../components/format';
import { ItemBadges } from './ItemBadges';
import './evidence.css';

export interface GridCardProps {
  readonly row: ItemRow;
  readonly index: number;
  readonly selected: boolean;
  readonly thumbUrl: string;
  readonly thumbHeight: number;
  readonly onPick: (index: number) => void;
}

/** One evidence item in the grid: thumbnail (or type tile), badges, name and size. */
export const GridCard = memo(function GridCard({ row, index, selected, thumbUrl, thumbHeight, onPick }: GridCardProps) {
  const [broken, setBroken] = useState(false);
  const pixels = formatPixels(row.width, row.height);
  return (
    <div
      id={`grid-card-${index}`}
      className={row.error ? 'card has-error' : 'card'}
      role="gridcell"
      aria-selected={selected}
      aria-label={row.name}
      title={row.exhibitPath}
      onClick={() => onPick(index)}
      data-testid="grid-item"
      data-item-id={row.id}
      data-name={row.name}
      data-index={index}
    >
      <div className="card-thumb" style={{ height: thumbHeight }}>
        {row.hasThumbnail && !broken ? (
          <img src={thumbUrl} alt="" loading="lazy" decoding="async" draggable={false} onError={() => setBroken(true)} />
        ) : (
          <div className="type-tile">
            <span className="kind">{row.kind}</span>
            {row.mime && <span className="mime">{row.mime}</span>}
          </div>
        )}
        <ItemBadges row={row} />
      </div>
      <div className="card-caption">
        <span className="card-name">{row.name}</span>
        <span className="card-meta">
          {formatBytes(row.size)}
          {pixels ? ` · ${pixels}` : ''}
        </span>
      </div>
    </div>
  );
});
