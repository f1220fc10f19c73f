import { describe, expect, it } from 'vitest';
import { uprightSize } from './upright';

describe('upright size', () => {
  it('swaps width and height for the rotating EXIF orientations only', () => {
    expect(uprightSize({ width: 4000, height: 3000, metadata: {} })).toEqual({ width: 4000, height: 3000 });
    expect(uprightSize({ width: 4000, height: 3000, metadata: { ifd0: { Orientation: 6 } } })).toEqual({ width: 3000, height: 4000 });
    expect(uprightSize({ width: 4000, height: 3000, metadata: { ifd0: { Orientation: 3 } } })).toEqual({ width: 4000, height: 3000 });
    expect(uprightSize({ width: null, height: 3000, metadata: {} })).toBeNull();
  });
});
