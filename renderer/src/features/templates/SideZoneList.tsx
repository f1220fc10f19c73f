import type { EditorAction } from './draft-reducer';
import type { DraftZone } from './template-draft';

export interface SideZoneListProps {
  readonly zones: readonly DraftZone[];
  readonly selected: number | null;
  readonly dispatch: (action: EditorAction) => void;
}

/** The zones of the side being edited, as buttons: the keyboard way to select one. */
export function SideZoneList({ zones, selected, dispatch }: SideZoneListProps) {
  if (zones.length === 0) return <div className="muted">No zones on this side yet: drag on the specimen to draw one.</div>;
  return (
    <ul className="ze-zone-list" data-testid="side-zone-list">
      {zones.map((zone, index) => (
        <li key={index} className={index === selected ? 'selected' : undefined}>
          <button type="button" aria-pressed={index === selected} onClick={() => dispatch({ type: 'select', index: index === selected ? null : index })} data-testid="side-zone-item" data-zone-id={zone.id}>
            <span className={`ze-kind-dot zk-${zone.kind}`} aria-hidden="true" />
            <span className="mono">{zone.id}</span>
            <span className="muted">
              {zone.kind}
              {zone.field ? ` · ${zone.field}` : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
