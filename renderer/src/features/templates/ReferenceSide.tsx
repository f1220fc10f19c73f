import type { TemplateSideView } from '../../../../native/engine/contract';
import { boxStyle, tagInside, tagRight } from './zone-geometry';

/** A template side's reference image with its zones outlined and named, coloured by kind. */
export function ReferenceSide({ side }: { readonly side: TemplateSideView }) {
  const ordered = [...side.zones].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  return (
    <figure className="tpl-side" data-testid="template-side" data-side={side.name}>
      <div className="tpl-side-frame" style={{ aspectRatio: `${side.width} / ${side.height}` }}>
        <img src={side.imageDataUrl} alt={`Reference image, ${side.name} side`} draggable={false} />
        {ordered.map((zone) => (
          <div key={zone.id} className={`tpl-zone zk-${zone.kind}${tagInside(zone.box) ? ' tag-inside' : ''}${tagRight(zone.box) ? ' tag-right' : ''}`} style={boxStyle(zone.box)} title={`${zone.id} (${zone.kind}${zone.field ? `: ${zone.field}` : ''})`} data-testid="template-zone" data-zone-id={zone.id}>
            <span className="tpl-zone-tag">{zone.id}</span>
          </div>
        ))}
      </div>
      <figcaption className="muted">
        {side.name} · {side.width} × {side.height} px · {side.zones.length} zones
      </figcaption>
    </figure>
  );
}
