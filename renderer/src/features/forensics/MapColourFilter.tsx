import { useMemo } from 'react';
import { colormapLut, lutTables } from './map-render';
import { colourFilterId } from './useMapRaster';

/**
 * Hidden SVG filters with the map colours of both polarities, for hosts where map pixels cannot be read
 * back (see useMapRaster): red is copied into alpha, then every channel goes through the colour table.
 */
export function MapColourFilter() {
  const up = useMemo(() => lutTables(colormapLut(true)), []);
  const down = useMemo(() => lutTables(colormapLut(false)), []);
  return (
    <svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true" focusable="false">
      {[
        { id: colourFilterId(true), tables: up },
        { id: colourFilterId(false), tables: down },
      ].map(({ id, tables }) => (
        <filter key={id} id={id} colorInterpolationFilters="sRGB">
          <feColorMatrix type="matrix" values="1 0 0 0 0  0 1 0 0 0  0 0 1 0 0  1 0 0 0 0" />
          <feComponentTransfer>
            <feFuncR type="table" tableValues={tables.r} />
            <feFuncG type="table" tableValues={tables.g} />
            <feFuncB type="table" tableValues={tables.b} />
            <feFuncA type="table" tableValues={tables.a} />
          </feComponentTransfer>
        </filter>
      ))}
    </svg>
  );
}
