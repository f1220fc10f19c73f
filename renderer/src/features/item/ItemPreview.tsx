import { useState } from 'react';
import type { BoxView, ItemDetail } from '../../../../native/engine/contract';
import { uprightSize } from './upright';
import './item.css';

export interface ItemPreviewProps {
  readonly detail: ItemDetail;
  readonly src: string;
  /** Boxes in upright item pixels (text lines read from the item), drawn over the image. */
  readonly boxes?: readonly BoxView[];
}

/** The preview rendition of an item, or a type tile when there is none; read text outlined when given. */
export function ItemPreview({ detail, src, boxes = [] }: ItemPreviewProps) {
  const [broken, setBroken] = useState<string | null>(null);
  const show = detail.hasThumbnail && broken !== src;
  const size = uprightSize(detail);
  return (
    <div className="preview">
      {show ? (
        <div className="preview-frame">
          <img key={src} src={src} alt={`Preview of ${detail.name}`} onError={() => setBroken(src)} data-testid="item-preview" />
          {size && boxes.length > 0 && (
            <svg viewBox={`0 0 ${size.width} ${size.height}`} preserveAspectRatio="none" aria-hidden="true" data-testid="item-text-boxes">
              {boxes.map((b, i) => (
                <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} className="text-box" />
              ))}
            </svg>
          )}
        </div>
      ) : (
        <div className="type-tile">
          <span className="kind">{detail.kind}</span>
          <span className="mime">{detail.hasThumbnail ? 'Preview could not be loaded' : 'No preview available'}</span>
        </div>
      )}
    </div>
  );
}
