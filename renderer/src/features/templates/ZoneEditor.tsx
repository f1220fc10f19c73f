import { useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import type { EditorAction } from './draft-reducer';
import type { DraftImage, DraftZone, ZoneKind } from './template-draft';
import { RESIZE_HANDLES, boxFromDrag, boxStyle, handlePosition, hitHandle, hitZone, moveBox, pointerToFraction, resizeBox, tagInside, tagRight } from './zone-geometry';
import type { FractionPoint, ResizeHandle, ZoneBox } from './zone-geometry';

export type EditorTool = 'draw' | 'select';

export interface ZoneEditorProps {
  readonly image: DraftImage;
  readonly zones: readonly DraftZone[];
  readonly selected: number | null;
  readonly tool: EditorTool;
  /** Kind given to zones drawn next. */
  readonly drawKind: ZoneKind;
  readonly dispatch: (action: EditorAction) => void;
}

/** Screen pixels around a handle that still grab it. */
const HANDLE_GRAB_PX = 7;
/** Arrow-key step: 0.2 % of the side, 2 px on a 1012 px specimen; with Shift 2 %. */
const KEY_STEP = 0.002;
const KEY_STEP_LARGE = 0.02;

type Operation =
  | { readonly kind: 'draw'; readonly start: FractionPoint }
  | { readonly kind: 'move'; readonly index: number; readonly start: FractionPoint; readonly box: ZoneBox }
  | { readonly kind: 'resize'; readonly index: number; readonly handle: ResizeHandle; readonly box: ZoneBox };

/**
 * The specimen with its zones: drag on it to draw a zone (draw tool) or to move one (select tool), drag a
 * selected zone's handles to resize it; a click selects. Keyboard, with the image focused: arrows move the
 * selected zone (Alt+arrows resize it, Shift for larger steps), Delete removes it, Escape deselects.
 */
export function ZoneEditor({ image, zones, selected, tool, drawKind, dispatch }: ZoneEditorProps) {
  const frameRef = useRef<HTMLDivElement | null>(null);
  const operation = useRef<Operation | null>(null);
  const [preview, setPreview] = useState<ZoneBox | null>(null);
  const selectedZone = selected !== null ? zones[selected] ?? null : null;

  const locate = (event: PointerEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { point: pointerToFraction(event.clientX, event.clientY, rect), tolerance: { x: HANDLE_GRAB_PX / Math.max(1, rect.width), y: HANDLE_GRAB_PX / Math.max(1, rect.height) } };
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.focus({ preventScroll: true });
    event.currentTarget.setPointerCapture(event.pointerId);
    const { point, tolerance } = locate(event);
    const handle = selectedZone ? hitHandle(selectedZone.box, point, tolerance) : null;
    if (selectedZone && selected !== null && handle) {
      operation.current = { kind: 'resize', index: selected, handle, box: selectedZone.box };
    } else if (tool === 'draw') {
      operation.current = { kind: 'draw', start: point };
    } else {
      const index = hitZone(zones.map((z) => z.box), point);
      dispatch({ type: 'select', index: index >= 0 ? index : null });
      operation.current = index >= 0 ? { kind: 'move', index, start: point, box: zones[index]!.box } : null;
    }
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const op = operation.current;
    if (!op) return;
    const { point } = locate(event);
    if (op.kind === 'draw') setPreview(boxFromDrag(op.start, point));
    else if (op.kind === 'move') dispatch({ type: 'set-box', index: op.index, box: moveBox(op.box, point.x - op.start.x, point.y - op.start.y) });
    else dispatch({ type: 'set-box', index: op.index, box: resizeBox(op.box, op.handle, point) });
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const op = operation.current;
    operation.current = null;
    setPreview(null);
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    if (op?.kind !== 'draw') return;
    const { point } = locate(event);
    const box = boxFromDrag(op.start, point);
    if (box) dispatch({ type: 'add-zone', kind: drawKind, box });
    else {
      // A click, not a drag: select the zone under it.
      const index = hitZone(zones.map((z) => z.box), point);
      dispatch({ type: 'select', index: index >= 0 ? index : null });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (selected === null || !selectedZone) return;
    const step = event.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const delta = arrows[event.key];
    if (delta) {
      event.preventDefault();
      const [x, y, w, h] = selectedZone.box;
      const box = event.altKey ? resizeBox(selectedZone.box, 'se', { x: x + w + delta[0], y: y + h + delta[1] }) : moveBox(selectedZone.box, delta[0], delta[1]);
      dispatch({ type: 'set-box', index: selected, box });
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      dispatch({ type: 'delete-zone', index: selected });
    } else if (event.key === 'Escape') {
      event.preventDefault();
      dispatch({ type: 'select', index: null });
    }
  };

  const ordered = zones.map((zone, index) => ({ zone, index })).sort((a, b) => b.zone.box[2] * b.zone.box[3] - a.zone.box[2] * a.zone.box[3]);
  return (
    <div
      ref={frameRef}
      className={`ze-frame tool-${tool}`}
      style={{ aspectRatio: `${image.width} / ${image.height}` }}
      tabIndex={0}
      role="application"
      aria-label={`Specimen, ${zones.length} zones. ${tool === 'draw' ? 'Drag to draw a zone.' : 'Drag a zone to move it.'} Arrows move the selected zone, Alt+arrows resize it, Delete removes it.`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        operation.current = null;
        setPreview(null);
      }}
      onKeyDown={onKeyDown}
      data-testid="zone-editor"
      data-zone-count={zones.length}
    >
      <img src={image.url} alt="Specimen being described" draggable={false} />
      {ordered.map(({ zone, index }) => (
        <div key={index} className={`ze-zone zk-${zone.kind}${index === selected ? ' selected' : ''}${tagInside(zone.box) ? ' tag-inside' : ''}${tagRight(zone.box) ? ' tag-right' : ''}`} style={boxStyle(zone.box)} data-testid="editor-zone" data-zone-id={zone.id} data-kind={zone.kind} data-selected={index === selected}>
          <span className="ze-zone-tag">{zone.id}</span>
        </div>
      ))}
      {selectedZone &&
        RESIZE_HANDLES.map((handle) => {
          const at = handlePosition(selectedZone.box, handle);
          return <span key={handle} className={`ze-handle h-${handle}`} style={{ left: `${at.x * 100}%`, top: `${at.y * 100}%` }} data-testid="zone-handle" data-handle={handle} />;
        })}
      {preview && <div className={`ze-zone zk-${drawKind} preview`} style={boxStyle(preview)} data-testid="editor-preview" />}
    </div>
  );
}
