import { describe, expect, it } from 'vitest';
import type { Component } from './components';
import { findTextLines } from './text-lines';

function glyph(cx: number, cy: number, w = 16, h = 24): Component {
  return { left: cx - w / 2, right: cx + w / 2 - 1, top: cy - h / 2, bottom: cy + h / 2 - 1, cx: cx - 0.5, cy: cy - 0.5, area: (w * h) / 2 };
}

describe('findTextLines', () => {
  it('chains a skewed fixed-pitch row and recovers pitch and slope', () => {
    const slope = Math.tan((3 * Math.PI) / 180);
    const row = Array.from({ length: 30 }, (_, k) => glyph(50 + 25 * k, 100 + 25 * k * slope));
    const noise = [glyph(400, 300, 4, 4), glyph(200, 20, 60, 8)];
    const lines = findTextLines([...noise, ...row], 12);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.members).toHaveLength(30);
    expect(lines[0]!.pitch).toBeCloseTo(25, 0);
    expect(lines[0]!.slope).toBeCloseTo(slope, 2);
    expect(lines[0]!.regularity).toBe(1);
  });

  it('rejoins a line broken by a missing glyph and keeps two stacked lines apart', () => {
    const top = Array.from({ length: 30 }, (_, k) => glyph(50 + 25 * k, 100)).filter((_, k) => k !== 12 && k !== 13);
    const bottom = Array.from({ length: 30 }, (_, k) => glyph(50 + 25 * k, 150));
    const lines = findTextLines([...top, ...bottom], 12).sort((a, b) => a.intercept - b.intercept);
    expect(lines.map((l) => l.members.length)).toEqual([28, 30]);
  });
});
