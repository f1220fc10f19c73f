import { useMemo } from 'react';
import type { ForensicMapView } from '../../../../native/engine/contract';
import { formatValue } from './forensics-view';
import { legendGradient } from './map-render';

export interface MapLegendProps {
  readonly map: ForensicMapView;
  /** The map's value under the pointer, when it can be read. */
  readonly value: number | null;
  /** Whether values can be read at all in this host (see useMapRaster). */
  readonly readable: boolean;
}

/** Colour scale of the selected map: its range and unit, which end points at manipulation, and the value under the pointer. */
export function MapLegend({ map, value, readable }: MapLegendProps) {
  const gradient = useMemo(() => legendGradient(map.higherIsSuspicious), [map.higherIsSuspicious]);
  const [low, high] = map.range;
  return (
    <div className="fv-legend" data-testid="map-legend" data-higher-is-suspicious={map.higherIsSuspicious}>
      <div className="fv-legend-bar" style={{ backgroundImage: gradient }} />
      <div className="fv-legend-ends">
        <span data-testid="legend-low">{formatValue(low, map.range)}</span>
        <span data-testid="legend-high">{formatValue(high, map.range)}</span>
      </div>
      <div className="fv-legend-unit">{map.unit || 'no unit given'}</div>
      <div className="fv-legend-direction" data-testid="legend-direction">
        {map.higherIsSuspicious ? 'Higher values (bright, right) are the suspicious end.' : 'Lower values (bright, left) are the suspicious end.'} The other end is drawn
        transparent.
      </div>
      <div className="fv-legend-value" data-testid="map-value">
        {!readable ? 'Values cannot be read here; colours only.' : value === null ? 'Point at the image to read the map.' : `At pointer: ${formatValue(value, map.range)}`}
      </div>
    </div>
  );
}
