import { useState } from 'react';
import type { ItemRow } from '../../../../native/engine/contract';
import './item.css';

/** A sibling's thumbnail, or its kind when it has none. */
export function SiblingThumb({ row, src }: { readonly row: ItemRow; readonly src: string }) {
  const [broken, setBroken] = useState(false);
  return (
    <span className="sibling-thumb">{row.hasThumbnail && !broken ? <img src={src} alt="" loading="lazy" onError={() => setBroken(true)} /> : row.kind}</span>
  );
}
