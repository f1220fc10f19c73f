import { describe, expect, it } from 'vitest';
import { gridPosition, isGridKey, nextGridIndex } from './grid-navigation';

// 4 columns, 10 items:
//  0  1  2  3
//  4  5  6  7
//  8  9
const grid = { columns: 4, count: 10 };

describe('nextGridIndex', () => {
  it('moves left and right through the list, wrapping across rows', () => {
    expect(nextGridIndex(1, 'ArrowRight', grid)).toBe(2);
    expect(nextGridIndex(3, 'ArrowRight', grid)).toBe(4);
    expect(nextGridIndex(4, 'ArrowLeft', grid)).toBe(3);
  });

  it('stops at both ends', () => {
    expect(nextGridIndex(0, 'ArrowLeft', grid)).toBe(0);
    expect(nextGridIndex(9, 'ArrowRight', grid)).toBe(9);
  });

  it('moves up and down by one row keeping the column', () => {
    expect(nextGridIndex(1, 'ArrowDown', grid)).toBe(5);
    expect(nextGridIndex(5, 'ArrowDown', grid)).toBe(9);
    expect(nextGridIndex(9, 'ArrowUp', grid)).toBe(5);
    expect(nextGridIndex(6, 'ArrowUp', grid)).toBe(2);
  });

  it('lands on the last item when the row below is shorter', () => {
    expect(nextGridIndex(7, 'ArrowDown', grid)).toBe(9);
    expect(nextGridIndex(6, 'ArrowDown', grid)).toBe(9);
  });

  it('stays put at the first and last rows', () => {
    expect(nextGridIndex(2, 'ArrowUp', grid)).toBe(2);
    expect(nextGridIndex(8, 'ArrowDown', grid)).toBe(8);
  });

  it('jumps to the ends with Home and End', () => {
    expect(nextGridIndex(6, 'Home', grid)).toBe(0);
    expect(nextGridIndex(2, 'End', grid)).toBe(9);
  });

  it('pages by the visible rows', () => {
    const tall = { columns: 3, count: 30, pageRows: 4 };
    expect(nextGridIndex(1, 'PageDown', tall)).toBe(13);
    expect(nextGridIndex(25, 'PageDown', tall)).toBe(29);
    expect(nextGridIndex(13, 'PageUp', tall)).toBe(1);
    expect(nextGridIndex(5, 'PageUp', tall)).toBe(2);
  });

  it('selects the first item when nothing is selected', () => {
    expect(nextGridIndex(-1, 'ArrowDown', grid)).toBe(0);
    expect(nextGridIndex(-1, 'ArrowLeft', grid)).toBe(0);
    expect(nextGridIndex(-1, 'End', grid)).toBe(9);
  });

  it('clamps a selection left beyond a shrunken list', () => {
    expect(nextGridIndex(40, 'ArrowLeft', grid)).toBe(9);
  });

  it('returns -1 for an empty list', () => {
    expect(nextGridIndex(0, 'ArrowRight', { columns: 4, count: 0 })).toBe(-1);
  });

  it('treats a single column as a list', () => {
    const list = { columns: 1, count: 3 };
    expect(nextGridIndex(0, 'ArrowDown', list)).toBe(1);
    expect(nextGridIndex(2, 'ArrowDown', list)).toBe(2);
    expect(nextGridIndex(1, 'ArrowUp', list)).toBe(0);
  });

  it('copes with a zero column count', () => {
    expect(nextGridIndex(0, 'ArrowDown', { columns: 0, count: 3 })).toBe(1);
  });

  it('scales to 50,000 items', () => {
    const big = { columns: 7, count: 50_000 };
    expect(nextGridIndex(49_993, 'ArrowDown', big)).toBe(49_999);
    expect(nextGridIndex(49_996, 'ArrowDown', big)).toBe(49_996);
    expect(nextGridIndex(0, 'End', big)).toBe(49_999);
  });
});

describe('isGridKey and gridPosition', () => {
  it('recognises navigation keys only', () => {
    expect(isGridKey('ArrowUp')).toBe(true);
    expect(isGridKey('End')).toBe(true);
    expect(isGridKey('Enter')).toBe(false);
    expect(isGridKey('a')).toBe(false);
  });

  it('computes row and column', () => {
    expect(gridPosition(9, 4)).toEqual({ row: 2, column: 1 });
    expect(gridPosition(0, 4)).toEqual({ row: 0, column: 0 });
  });
});
