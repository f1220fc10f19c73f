import { useState } from 'react';
import type { ItemDetail } from '../../../../native/engine/contract';
import './item.css';

/** The preview rendition of an item, or a type tile when there is none. */
export function ItemPreview({ detail, src }: { readonly detail: ItemDetail; readonly src: string }) {
  const [broken, setBroken] = useState<string | null>(null);
  const show = detail.hasThumbnail && broken !== src;
  return (
    <div className="preview">
      {show ? (
        <img key={src} src={src} alt={`Preview of ${detail.name}`} onError={() => setBroken(src)} data-testid="item-preview" />
      ) : (
        <div className="type-tile">
          <span className="kind">{detail.kind}</span>
          <span className="mime">{detail.hasThumbnail ? 'Preview could not be loaded' : 'No preview available'}</span>
        </div>
      )}
    </div>
  );
}
