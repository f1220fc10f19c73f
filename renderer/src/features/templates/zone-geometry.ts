/**
 * Zone geometry for template authoring: mouse drags turned into boxes as fractions of the side's image
 * (docs/TEMPLATES.md: `box = [x, y, width, height]`, inside the image), moving and resizing with clamping,
 * and hit testing. Pure functions; the editor only feeds them pointer positions.
 */

/** `[x, y, width, height]` as fractions of the side's reference image. */
export type ZoneBox = readonly [number, number, number, number];

/** A point as fractions of the image (0..1 on both axes). */
export interface FractionPoint {
  readonly x: number;
  readonly y: number;
}

/** Where a resize grabs a box: a corner or the middle of an edge (compass directions). */
export type ResizeHandle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';
export const RESIZE_HANDLES: readonly ResizeHandle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/**
 * Smallest zone side, as a fraction of the image side: 0.01 of an ID-1 card is 0.86 mm wide (0.54 mm high),
 * about 10 px on a 1012 px specimen, below the smallest printed field (the sex letter, ~0.08 x 0.05 of the
 * card in the bundled template). A drag shorter than this is a click, not a zone.
 */
export const MIN_ZONE_FRACTION = 0.01;

/**
 * Decimals kept in a stored box: 4 (as the bundled template), i.e. 1e-4 of the side, 0.1 px on a 1012 px
 * specimen: finer than the pointer can place anything, and template.json stays readable.
 */
const BOX_DECIMALS = 4;

const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
const round = (value: number): number => Number(value.toFixed(BOX_DECIMALS));

/** A point clamped into the image. */
export function clampPoint(point: FractionPoint): FractionPoint {
  return { x: clamp01(point.x), y: clamp01(point.y) };
}

/**
 * A client (screen) position as fractions of an element's rectangle, clamped into it.
 * @param clientX pointer x in CSS pixels
 * @param clientY pointer y in CSS pixels
 * @param rect the rendered image's bounding rectangle
 */
export function pointerToFraction(clientX: number, clientY: number, rect: { left: number; top: number; width: number; height: number }): FractionPoint {
  if (rect.width <= 0 || rect.height <= 0) return { x: 0, y: 0 };
  return clampPoint({ x: (clientX - rect.left) / rect.width, y: (clientY - rect.top) / rect.height });
}

/** A box rounded to the stored precision, kept inside the image (rounding never pushes it past an edge). */
export function roundBox(box: ZoneBox): ZoneBox {
  const x = round(clamp01(box[0]));
  const y = round(clamp01(box[1]));
  const w = Math.min(round(clamp01(box[2])), round(1 - x));
  const h = Math.min(round(clamp01(box[3])), round(1 - y));
  return [x, y, w, h];
}

/**
 * The box a drag from `start` to `end` spans, whichever way it went, clamped into the image and rounded;
 * null when it is thinner than {@link MIN_ZONE_FRACTION} in either direction (a click or a slip).
 */
export function boxFromDrag(start: FractionPoint, end: FractionPoint): ZoneBox | null {
  const a = clampPoint(start);
  const b = clampPoint(end);
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  const w = Math.abs(a.x - b.x);
  const h = Math.abs(a.y - b.y);
  if (w < MIN_ZONE_FRACTION || h < MIN_ZONE_FRACTION) return null;
  return roundBox([x, y, w, h]);
}

/** The box shifted by (dx, dy), stopped at the image's edges without changing its size. */
export function moveBox(box: ZoneBox, dx: number, dy: number): ZoneBox {
  const [x, y, w, h] = box;
  const nx = Math.min(Math.max(0, x + dx), Math.max(0, 1 - w));
  const ny = Math.min(Math.max(0, y + dy), Math.max(0, 1 - h));
  return roundBox([nx, ny, w, h]);
}

/**
 * The box with the grabbed handle dragged to `point`: the opposite edges stay put, the moving edges stop
 * inside the image and at {@link MIN_ZONE_FRACTION} from the fixed ones (a resize never flips the box).
 */
export function resizeBox(box: ZoneBox, handle: ResizeHandle, point: FractionPoint): ZoneBox {
  const p = clampPoint(point);
  let left = box[0];
  let top = box[1];
  let right = box[0] + box[2];
  let bottom = box[1] + box[3];
  if (handle.includes('w')) left = Math.min(p.x, right - MIN_ZONE_FRACTION);
  if (handle.includes('e')) right = Math.max(p.x, left + MIN_ZONE_FRACTION);
  if (handle.includes('n')) top = Math.min(p.y, bottom - MIN_ZONE_FRACTION);
  if (handle.includes('s')) bottom = Math.max(p.y, top + MIN_ZONE_FRACTION);
  left = Math.max(0, left);
  top = Math.max(0, top);
  right = Math.min(1, right);
  bottom = Math.min(1, bottom);
  return roundBox([left, top, right - left, bottom - top]);
}

/** Whether the point lies inside the box (edges included). */
export function boxContains(box: ZoneBox, point: FractionPoint): boolean {
  return point.x >= box[0] && point.x <= box[0] + box[2] && point.y >= box[1] && point.y <= box[1] + box[3];
}

/**
 * The zone under the point: the smallest one containing it, so a field drawn inside a large background
 * zone stays reachable; ties go to the zone drawn last (on top). -1 when none.
 */
export function hitZone(boxes: readonly ZoneBox[], point: FractionPoint): number {
  let best = -1;
  let bestArea = Number.POSITIVE_INFINITY;
  boxes.forEach((box, index) => {
    if (!boxContains(box, point)) return;
    const area = box[2] * box[3];
    if (area <= bestArea) {
      best = index;
      bestArea = area;
    }
  });
  return best;
}

/** Where each handle sits on the box, as fractions of the image. */
export function handlePosition(box: ZoneBox, handle: ResizeHandle): FractionPoint {
  const [x, y, w, h] = box;
  const hx = handle.includes('w') ? x : handle.includes('e') ? x + w : x + w / 2;
  const hy = handle.includes('n') ? y : handle.includes('s') ? y + h : y + h / 2;
  return { x: hx, y: hy };
}

/**
 * The handle of `box` within `tolerance` of the point (fractions per axis, i.e. a few screen pixels divided
 * by the rendered size), corners before edges; null when none is that close.
 */
export function hitHandle(box: ZoneBox, point: FractionPoint, tolerance: FractionPoint): ResizeHandle | null {
  const order: readonly ResizeHandle[] = ['nw', 'ne', 'se', 'sw', 'n', 'e', 's', 'w'];
  for (const handle of order) {
    const at = handlePosition(box, handle);
    if (Math.abs(at.x - point.x) <= tolerance.x && Math.abs(at.y - point.y) <= tolerance.y) return handle;
  }
  return null;
}

/** A box in pixels of an image of the given size. */
export function boxToPixels(box: ZoneBox, size: { readonly width: number; readonly height: number }): { x: number; y: number; width: number; height: number } {
  return { x: box[0] * size.width, y: box[1] * size.height, width: box[2] * size.width, height: box[3] * size.height };
}

/** CSS placement of a box over its image, in percent. */
export function boxStyle(box: ZoneBox): { left: string; top: string; width: string; height: string } {
  const pct = (value: number) => `${(value * 100).toFixed(3)}%`;
  return { left: pct(box[0]), top: pct(box[1]), width: pct(box[2]), height: pct(box[3]) };
}

/** A box in pixels of an image of the given size, as fractions (for drawing engine boxes in percent). */
export function pixelsToBox(box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number }, size: { readonly width: number; readonly height: number }): ZoneBox {
  if (size.width <= 0 || size.height <= 0) return [0, 0, 0, 0];
  return [box.x / size.width, box.y / size.height, box.width / size.width, box.height / size.height];
}

/**
 * Whether a zone's name tag goes inside its box rather than above it: when the box starts within 4 % of
 * the image's top edge, where a tag above would be cut off (a 10 px tag is 4 % of a 250 px high view).
 */
export const TAG_INSIDE_BELOW = 0.04;
export function tagInside(box: ZoneBox): boolean {
  return box[1] < TAG_INSIDE_BELOW;
}

/**
 * Whether a zone's name tag is aligned to its right edge: zones ending in the right fifth of the image and
 * narrower than a third of it, whose left-aligned tag (up to ~20 % of a small view) would run off the image.
 */
export function tagRight(box: ZoneBox): boolean {
  return box[0] + box[2] > 0.8 && box[2] < 1 / 3;
}
