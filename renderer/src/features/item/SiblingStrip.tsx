import type { CaseId, ItemId, ItemRow } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { SiblingThumb } from './SiblingThumb';
import './item.css';

export interface SiblingStripProps {
  readonly caseId: CaseId;
  readonly items: readonly (ItemRow & { readonly distance?: number })[];
  readonly testId: 'duplicate-sibling' | 'near-duplicate-sibling';
  readonly onOpen: (itemId: ItemId) => void;
}

/** Small clickable thumbnails of related items (exact duplicates or near-duplicates). */
export function SiblingStrip({ caseId, items, testId, onOpen }: SiblingStripProps) {
  const { assetUrl } = useEngine();
  return (
    <div className="siblings">
      {items.map((row) => (
        <button
          key={row.id}
          type="button"
          className="sibling"
          onClick={() => onOpen(row.id)}
          title={`${row.exhibitPath}${row.distance !== undefined ? ` (Hamming distance ${row.distance})` : ''}`}
          data-testid={testId}
          data-item-id={row.id}
          data-distance={row.distance}
        >
          <SiblingThumb row={row} src={assetUrl(caseId, row.id, 'thumb')} />
          <span className="sibling-name">{row.name}</span>
          {row.distance !== undefined && <span className="sibling-meta">distance {row.distance}</span>}
        </button>
      ))}
    </div>
  );
}
