/**
 * Local-window sums of the grid phase data (grid-phase.ts) for the shifted-grid search of grid-shift.ts,
 * one cell row at a time: every cell of a 12 MP image gets the sums over its 72-pixel window.
 */

/** Lanes per cell in PhaseWindows rows: the 8 phase sums and the sum of squares. */
export const PHASE_WINDOW_LANES = 9;

/**
 * Box sums over (2 radius + 1)^2 cells (clipped at the borders) of one axis's 8 phase sums and its sum
 * of squares, one cell row at a time: the same integral-image arithmetic as windowSums (so the same
 * values), with only the 2 radius + 2 integral rows a window row needs kept, all channels in one pass.
 */
export class PhaseWindows {
  private readonly ring: Float64Array;
  private readonly ringRows: number;
  private readonly lineLength: number;
  private readonly running = new Float64Array(PHASE_WINDOW_LANES);
  /** Integral rows 0 .. built - 1 have been computed. */
  private built = 0;

  constructor(
    private readonly phases: Float64Array,
    private readonly squares: Float64Array,
    private readonly width: number,
    private readonly height: number,
    private readonly radius: number,
  ) {
    this.ringRows = 2 * radius + 2;
    this.lineLength = (width + 1) * PHASE_WINDOW_LANES;
    this.ring = new Float64Array(this.ringRows * this.lineLength);
  }

  /** Window sums of cell row y into out[x * 9 + lane] (lanes 0..7 phases, 8 squares), for x in [0, width). */
  row(y: number, out: Float64Array): void {
    const { width, height, radius, lineLength } = this;
    const lanes = PHASE_WINDOW_LANES;
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    while (this.built <= y1) this.buildRow(this.built++);
    const a = (y1 % this.ringRows) * lineLength;
    const b = (y0 % this.ringRows) * lineLength;
    const ring = this.ring;
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - radius) * lanes;
      const x1 = Math.min(width, x + radius + 1) * lanes;
      const o = x * lanes;
      for (let k = 0; k < lanes; k++) out[o + k] = ring[a + x1 + k]! - ring[b + x1 + k]! - ring[a + x0 + k]! + ring[b + x0 + k]!;
    }
  }

  /** Integral row r (sums over cell rows < r): row r - 1 plus the running sums of data row r - 1. */
  private buildRow(r: number): void {
    const { width, lineLength, phases, squares, running } = this;
    const lanes = PHASE_WINDOW_LANES;
    const at = (r % this.ringRows) * lineLength;
    const ring = this.ring;
    if (r === 0) {
      ring.fill(0, at, at + lineLength);
      return;
    }
    const previous = ((r - 1) % this.ringRows) * lineLength;
    running.fill(0);
    for (let k = 0; k < lanes; k++) ring[at + k] = 0;
    const y = r - 1;
    for (let x = 0; x < width; x++) {
      const c = y * width + x;
      const o = (x + 1) * lanes;
      for (let p = 0; p < 8; p++) {
        running[p] = running[p]! + phases[c * 8 + p]!;
        ring[at + o + p] = ring[previous + o + p]! + running[p]!;
      }
      running[8] = running[8]! + squares[c]!;
      ring[at + o + 8] = ring[previous + o + 8]! + running[8]!;
    }
  }
}
