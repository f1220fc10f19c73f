import type { ZoneResultView } from '../../../../native/engine/contract';
import { ZONE_STATE_META, countZoneStates, formatScore, orderZones, ZONE_STATE_ORDER } from './zone-state';

export interface ZoneListProps {
  readonly zones: readonly ZoneResultView[];
  readonly hovered: string | null;
  readonly selected: string | null;
  readonly onHover: (zone: string | null) => void;
  readonly onPick: (zone: string) => void;
}

/** Every zone of the comparison, deviations first, as buttons (the keyboard path to each zone's checks). */
export function ZoneList({ zones, hovered, selected, onHover, onPick }: ZoneListProps) {
  const counts = countZoneStates(zones);
  return (
    <div className="cmp-zone-list">
      <div className="cmp-zone-counts" data-testid="zone-counts">
        {ZONE_STATE_ORDER.map((state) => (
          <span key={state} className={`cmp-state ${ZONE_STATE_META[state].className}`} data-state={state} data-count={counts[state]}>
            {ZONE_STATE_META[state].symbol} {counts[state]} {ZONE_STATE_META[state].label}
          </span>
        ))}
      </div>
      <ul>
        {orderZones(zones).map((zone) => {
          const meta = ZONE_STATE_META[zone.state];
          const worst = zone.checks.reduce<number | null>((max, c) => (max === null || c.deviation > max ? c.deviation : max), null);
          const classes = [zone.id === selected ? 'selected' : '', zone.id === hovered ? 'hovered' : ''].filter(Boolean).join(' ');
          return (
            <li key={zone.id} className={classes || undefined}>
              <button
                type="button"
                aria-pressed={zone.id === selected}
                onMouseEnter={() => onHover(zone.id)}
                onMouseLeave={() => onHover(null)}
                onFocus={() => onHover(zone.id)}
                onBlur={() => onHover(null)}
                onClick={() => onPick(zone.id)}
                data-testid="zone-list-item"
                data-zone-id={zone.id}
                data-state={zone.state}
              >
                <span className={`cmp-state ${meta.className}`}>
                  {meta.symbol} {meta.label}
                </span>
                <span className="cmp-zone-name">{zone.id}</span>
                <span className="muted">{zone.field ?? zone.kind}</span>
                <span className="cmp-zone-dev" title="Largest deviation of its checks (0 = as genuine captures, 1 = far outside)">
                  {formatScore(worst)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
