import type { ZoneState } from '../../../../native/engine/contract';
import { boxStyle, tagInside, tagRight } from './zone-geometry';
import type { ZoneBox } from './zone-geometry';
import { ZONE_STATE_META } from './zone-state';

/** A zone as drawn over an image: its box as fractions of the image and its comparison state. */
export interface OverlayZone {
  readonly id: string;
  readonly box: ZoneBox;
  readonly state: ZoneState;
}

export interface ZoneOverlayProps {
  readonly zones: readonly OverlayZone[];
  /** The zone under the pointer here or in a list. */
  readonly hovered: string | null;
  /** The zone whose checks are shown. */
  readonly selected: string | null;
  readonly onHover: (id: string | null) => void;
  readonly onPick: (id: string) => void;
  /** Which image this overlay is on, for test ids. */
  readonly pane: string;
  /** Name every zone; otherwise only zones that do not agree, and the one pointed at or selected, carry their tag. */
  readonly allLabels: boolean;
}

/**
 * Zones outlined over an image, coloured by state and told apart without colour too: border style
 * (solid, dashed, dotted), a hatch on deviations, and a tag with the state's symbol and the zone id (on the
 * zones that do not agree and the one pointed at, or on all of them).
 * Larger zones are drawn first, so the smaller ones on top of them can be pointed at.
 */
export function ZoneOverlay({ zones, hovered, selected, onHover, onPick, pane, allLabels }: ZoneOverlayProps) {
  const ordered = [...zones].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  return (
    <div className="cmp-zones" aria-hidden="true">
      {ordered.map((zone) => {
        const meta = ZONE_STATE_META[zone.state];
        const classes = ['cmp-zone', meta.className, zone.id === hovered ? 'hovered' : '', zone.id === selected ? 'selected' : '', tagInside(zone.box) ? 'tag-inside' : '', tagRight(zone.box) ? 'tag-right' : ''].filter(Boolean).join(' ');
        return (
          <div
            key={zone.id}
            className={classes}
            style={boxStyle(zone.box)}
            data-testid="comparison-zone"
            data-pane={pane}
            data-zone-id={zone.id}
            data-state={zone.state}
            data-selected={zone.id === selected}
            title={`${zone.id}: ${meta.label}`}
            onMouseEnter={() => onHover(zone.id)}
            onMouseLeave={() => onHover(null)}
            onClick={() => onPick(zone.id)}
          >
            {(allLabels || zone.state === 'deviates' || zone.state === 'review' || zone.id === hovered || zone.id === selected) && (
              <span className="cmp-zone-tag">
                {meta.symbol} {zone.id}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
