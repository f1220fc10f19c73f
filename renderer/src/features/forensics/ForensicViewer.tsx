import { useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { CaseId, ItemForensics, ItemId } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { ForensicFindingList } from './ForensicFindingList';
import { analyserTitles, mapLabel, orderFindings, orderMaps } from './forensics-view';
import { LENS_ZOOM, Magnifier } from './Magnifier';
import { MapColourFilter } from './MapColourFilter';
import { MapLegend } from './MapLegend';
import { cellAt, levelToValue, uprightDims } from './map-render';
import { useMapRaster } from './useMapRaster';
import { useModalFocus } from './useModalFocus';
import { ViewerStage } from './ViewerStage';
import type { StagePointer, ViewMode } from './ViewerStage';
import './forensics.css';

export interface ForensicViewerProps {
  readonly caseId: CaseId;
  readonly itemId: ItemId;
  readonly itemName: string;
  readonly forensics: ItemForensics;
  /** Upright item size, used when there is no map to take it from. */
  readonly fallbackSpace: { readonly width: number; readonly height: number } | null;
  readonly onClose: () => void;
}

/** Overlay opacity when the viewer opens: the map reads clearly and the photo stays visible under it. */
const DEFAULT_OPACITY = 0.6;

/**
 * Full-window viewer of an item's image forensics: the preview with one map over or beside it, the map's
 * colour scale, a magnifier, and the findings, whose regions can be drawn on the image.
 */
export function ForensicViewer({ caseId, itemId, itemName, forensics, fallbackSpace, onClose }: ForensicViewerProps) {
  const { assetUrl } = useEngine();
  const rootRef = useRef<HTMLDivElement | null>(null);
  const imageRef = useRef<HTMLImageElement | null>(null);
  useModalFocus(rootRef, onClose);

  const titles = useMemo(() => analyserTitles(forensics), [forensics]);
  const maps = useMemo(() => orderMaps(forensics.maps), [forensics.maps]);
  const findings = useMemo(() => orderFindings(forensics.findings), [forensics.findings]);
  const [mapId, setMapId] = useState<number | null>(maps[0]?.artifactId ?? null);
  const map = maps.find((m) => m.artifactId === mapId) ?? maps[0] ?? null;
  const [mode, setMode] = useState<ViewMode>('overlay');
  const [opacity, setOpacity] = useState(DEFAULT_OPACITY);
  const [magnifier, setMagnifier] = useState(false);
  const [allRegions, setAllRegions] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [hoveredId, setHoveredId] = useState<number | null>(null);
  const [pointer, setPointer] = useState<StagePointer | null>(null);

  const { raster, error } = useMapRaster(map ? assetUrl(caseId, itemId, `artifact-${map.artifactId}`) : null, map);
  const space = map ? uprightDims(map.orientation, map.imageWidth, map.imageHeight) : fallbackSpace;

  const regions = findings
    .filter((f) => f.region !== null && f.space === 'item' && (allRegions || f.id === selectedId || f.id === hoveredId))
    .map((f) => ({ findingId: f.id, box: f.region!, selected: f.id === selectedId, hovered: f.id === hoveredId }));
  const cell = map && pointer ? cellAt(map, pointer.x, pointer.y) : null;
  const level = cell && map && raster?.levels ? raster.levels[cell.row * map.width + cell.col] : undefined;
  const value = map && level !== undefined ? levelToValue(level, map.range) : null;
  const withRegions = findings.filter((f) => f.region !== null && f.space === 'item').length;

  const view = (
    <div className="fv-backdrop">
      <div ref={rootRef} className="fv-dialog" role="dialog" aria-modal="true" aria-label={`Forensic viewer: ${itemName}`} tabIndex={-1} data-testid="forensic-viewer">
        <MapColourFilter />
        <div className="fv-header">
          <h2>Forensic viewer</h2>
          <span className="fv-item-name">{itemName}</span>
          <span className="muted">Manipulation indicators, not a verdict</span>
          <span className="spacer" />
          <button type="button" className="ghost" onClick={onClose} title="Close (Escape)" data-testid="forensic-viewer-close">
            Close
          </button>
        </div>
        <div className="fv-toolbar" role="toolbar" aria-label="Map and view">
          <label>
            Map
            <select value={map?.artifactId ?? ''} onChange={(event) => setMapId(Number(event.target.value))} disabled={maps.length === 0} data-testid="map-select">
              {maps.map((m) => (
                <option key={m.artifactId} value={m.artifactId}>
                  {mapLabel(m, titles)}
                </option>
              ))}
            </select>
          </label>
          <label>
            View
            <select value={mode} onChange={(event) => setMode(event.target.value as ViewMode)} data-testid="view-mode">
              <option value="overlay">Overlay</option>
              <option value="side-by-side">Side by side</option>
            </select>
          </label>
          <label className={mode === 'overlay' ? '' : 'disabled'}>
            Opacity
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={opacity}
              disabled={mode !== 'overlay'}
              onChange={(event) => setOpacity(Number(event.target.value))}
              data-testid="map-opacity"
              aria-valuetext={`${Math.round(opacity * 100)} %`}
            />
            <span className="fv-opacity-value">{Math.round(opacity * 100)} %</span>
          </label>
          <button type="button" aria-pressed={magnifier} className={magnifier ? 'toggle on' : 'toggle'} onClick={() => setMagnifier((on) => !on)} data-testid="magnifier-toggle">
            Magnifier {LENS_ZOOM}×
          </button>
          <label title="Draw every finding region, not only the selected one">
            <input type="checkbox" checked={allRegions} onChange={(event) => setAllRegions(event.target.checked)} data-testid="show-all-regions" />
            All regions ({withRegions})
          </label>
        </div>
        <div className="fv-body">
          <div className="fv-main">
            {error && (
              <Banner tone="error" title="Map not shown.">
                {error}
              </Banner>
            )}
            {space ? (
              <ViewerStage
                imageUrl={assetUrl(caseId, itemId, 'preview')}
                imageAlt={`Preview of ${itemName}`}
                imageRef={imageRef}
                space={space}
                map={map}
                raster={raster}
                mode={mode}
                opacity={opacity}
                regions={regions}
                onRegionHover={setHoveredId}
                onRegionPick={setSelectedId}
                onPointer={setPointer}
              />
            ) : (
              <div className="empty-state">The item's pixel size is not known; nothing to show.</div>
            )}
          </div>
          <aside className="fv-side" aria-label="Legend and findings">
            {map ? (
              <section className="fv-side-section">
                <h3>Colour scale</h3>
                <MapLegend map={map} value={value} readable={raster ? raster.levels !== null : true} />
                <dl className="kv fv-map-facts">
                  <dt>Map</dt>
                  <dd>{mapLabel(map, titles)}</dd>
                  <dt>Cells</dt>
                  <dd>
                    {map.width} × {map.height}, {map.cellSize} px each
                  </dd>
                  <dt>Measured on</dt>
                  <dd>
                    {map.imageWidth} × {map.imageHeight} px (stored), orientation {map.orientation}
                  </dd>
                </dl>
              </section>
            ) : (
              <div className="muted">No maps stored for this item.</div>
            )}
            <section className="fv-side-section fv-findings-section">
              <h3>Findings ({findings.length})</h3>
              <ForensicFindingList
                findings={findings}
                titles={titles}
                selectedId={selectedId}
                hoveredId={hoveredId}
                onSelect={(id) => setSelectedId((current) => (current === id ? null : id))}
                onHover={setHoveredId}
              />
            </section>
          </aside>
        </div>
        {magnifier && pointer && space && <Magnifier pointer={pointer} imageRef={imageRef} map={map} raster={raster} space={space} />}
      </div>
    </div>
  );
  return createPortal(view, document.body);
}
