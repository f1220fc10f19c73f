import { describe, expect, it } from 'vitest';
import { MIN_ZONE_FRACTION, boxFromDrag, boxStyle, boxToPixels, handlePosition, hitHandle, hitZone, moveBox, pixelsToBox, pointerToFraction, resizeBox, roundBox, tagInside, tagRight } from './zone-geometry';
import type { ZoneBox } from './zone-geometry';

/** The image is rendered at 1012 x 638 CSS px starting at (100, 50), as a specimen shown at its own size. */
const RECT = { left: 100, top: 50, width: 1012, height: 638 };

describe('pointerToFraction', () => {
  it('maps client pixels to fractions of the rendered image and clamps outside points', () => {
    expect(pointerToFraction(100 + 506, 50 + 319, RECT)).toEqual({ x: 0.5, y: 0.5 });
    expect(pointerToFraction(0, 0, RECT)).toEqual({ x: 0, y: 0 });
    expect(pointerToFraction(5000, 5000, RECT)).toEqual({ x: 1, y: 1 });
    expect(pointerToFraction(10, 10, { left: 0, top: 0, width: 0, height: 0 })).toEqual({ x: 0, y: 0 });
  });
});

describe('boxFromDrag', () => {
  it('spans the drag whichever way it went', () => {
    const forward = boxFromDrag({ x: 0.1, y: 0.2 }, { x: 0.4, y: 0.6 });
    const backward = boxFromDrag({ x: 0.4, y: 0.6 }, { x: 0.1, y: 0.2 });
    expect(forward).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(backward).toEqual(forward);
  });

  it('clamps a drag that leaves the image to its edges', () => {
    expect(boxFromDrag({ x: 0.9, y: 0.8 }, { x: 1.3, y: 1.2 })).toEqual([0.9, 0.8, 0.1, 0.2]);
    expect(boxFromDrag({ x: -0.2, y: 0.5 }, { x: 0.25, y: -1 })).toEqual([0, 0, 0.25, 0.5]);
  });

  it('treats a drag thinner than the minimum as a click', () => {
    expect(boxFromDrag({ x: 0.5, y: 0.5 }, { x: 0.5 + MIN_ZONE_FRACTION / 2, y: 0.8 })).toBeNull();
    expect(boxFromDrag({ x: 0.5, y: 0.5 }, { x: 0.8, y: 0.5 })).toBeNull();
    expect(boxFromDrag({ x: 0.5, y: 0.5 }, { x: 0.5 + MIN_ZONE_FRACTION, y: 0.5 + MIN_ZONE_FRACTION })).not.toBeNull();
  });

  it('rounds to 4 decimals and never past an edge', () => {
    const box = boxFromDrag({ x: 0.123456, y: 0.000049 }, { x: 0.99999, y: 0.99999 })!;
    expect(box).toEqual([0.1235, 0, 0.8765, 0.9999]);
    expect(box[0] + box[2]).toBeLessThanOrEqual(1);
  });
});

describe('moveBox', () => {
  const box: ZoneBox = [0.2, 0.3, 0.4, 0.2];
  it('shifts by the drag and keeps the size', () => {
    expect(moveBox(box, 0.1, -0.1)).toEqual([0.3, 0.2, 0.4, 0.2]);
  });
  it('stops at the edges without shrinking', () => {
    expect(moveBox(box, 0.9, 0.9)).toEqual([0.6, 0.8, 0.4, 0.2]);
    expect(moveBox(box, -1, -1)).toEqual([0, 0, 0.4, 0.2]);
  });
});

describe('resizeBox', () => {
  const box: ZoneBox = [0.2, 0.2, 0.4, 0.4];
  it('moves only the grabbed edges', () => {
    expect(resizeBox(box, 'se', { x: 0.7, y: 0.9 })).toEqual([0.2, 0.2, 0.5, 0.7]);
    expect(resizeBox(box, 'nw', { x: 0.1, y: 0.1 })).toEqual([0.1, 0.1, 0.5, 0.5]);
    expect(resizeBox(box, 'e', { x: 0.9, y: 0.05 })).toEqual([0.2, 0.2, 0.7, 0.4]);
    expect(resizeBox(box, 'n', { x: 0.9, y: 0.05 })).toEqual([0.2, 0.05, 0.4, 0.55]);
  });
  it('never flips the box or makes it thinner than the minimum', () => {
    const crushed = resizeBox(box, 'w', { x: 0.95, y: 0.3 });
    expect(crushed[0]).toBeCloseTo(0.6 - MIN_ZONE_FRACTION, 6);
    expect(crushed[2]).toBeCloseTo(MIN_ZONE_FRACTION, 6);
    expect(resizeBox(box, 's', { x: 0.3, y: 0 })[3]).toBeCloseTo(MIN_ZONE_FRACTION, 6);
  });
  it('stops at the image edges', () => {
    expect(resizeBox(box, 'se', { x: 1.5, y: 2 })).toEqual([0.2, 0.2, 0.8, 0.8]);
  });
});

describe('hit testing', () => {
  const background: ZoneBox = [0.3, 0.15, 0.69, 0.53];
  const surname: ZoneBox = [0.3, 0.2, 0.45, 0.05];
  const portrait: ZoneBox = [0.03, 0.17, 0.25, 0.42];
  const zones = [background, surname, portrait];

  it('picks the smallest zone under the point, so fields inside a background zone stay reachable', () => {
    expect(hitZone(zones, { x: 0.4, y: 0.22 })).toBe(1);
    expect(hitZone(zones, { x: 0.5, y: 0.5 })).toBe(0);
    expect(hitZone(zones, { x: 0.1, y: 0.3 })).toBe(2);
    expect(hitZone(zones, { x: 0.1, y: 0.9 })).toBe(-1);
  });

  it('gives a tie to the zone drawn last', () => {
    expect(hitZone([surname, surname], { x: 0.4, y: 0.22 })).toBe(1);
  });

  it('finds handles within the tolerance, corners first', () => {
    const tolerance = { x: 0.01, y: 0.01 };
    expect(handlePosition(portrait, 'se')).toEqual({ x: 0.28, y: 0.59 });
    expect(hitHandle(portrait, { x: 0.285, y: 0.585 }, tolerance)).toBe('se');
    expect(hitHandle(portrait, { x: 0.155, y: 0.175 }, tolerance)).toBe('n');
    expect(hitHandle(portrait, { x: 0.15, y: 0.4 }, tolerance)).toBeNull();
  });
});

describe('conversions', () => {
  it('turns fractions into pixels and back', () => {
    const size = { width: 1012, height: 638 };
    const px = boxToPixels([0.25, 0.5, 0.5, 0.25], size);
    expect(px).toEqual({ x: 253, y: 319, width: 506, height: 159.5 });
    expect(pixelsToBox(px, size)).toEqual([0.25, 0.5, 0.5, 0.25]);
    expect(pixelsToBox(px, { width: 0, height: 10 })).toEqual([0, 0, 0, 0]);
  });

  it('places a box in percent', () => {
    expect(boxStyle([0.1, 0.25, 0.5, 0.125])).toEqual({ left: '10.000%', top: '25.000%', width: '50.000%', height: '12.500%' });
  });

  it('rounds a box into the image', () => {
    expect(roundBox([0.99996, 0.5, 0.5, 0.5])).toEqual([1, 0.5, 0, 0.5]);
    expect(roundBox([Number.NaN, 0.2, 0.3, 0.4])).toEqual([0, 0.2, 0.3, 0.4]);
  });
});

describe('tagInside', () => {
  it('puts the name tag inside zones that start at the top edge', () => {
    expect(tagInside([0.03, 0.0188, 0.15, 0.05])).toBe(true);
    expect(tagInside([0.03, 0.17, 0.25, 0.42])).toBe(false);
  });
  it('aligns the tag of a small zone at the right edge to its right', () => {
    expect(tagRight([0.7806, 0.0846, 0.1937, 0.0502])).toBe(true);
    expect(tagRight([0.0099, 0.6897, 0.9802, 0.3072])).toBe(false);
    expect(tagRight([0.03, 0.17, 0.25, 0.42])).toBe(false);
  });
});
