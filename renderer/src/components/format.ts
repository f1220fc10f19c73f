/** Display formatting shared by the screens. Values are shown exactly; nothing is time-zone shifted. */

/** Bytes as a short human-readable size (binary units), e.g. `2.4 MiB`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A count with thousands separators, e.g. `50,000`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * An ISO 8601 timestamp for display: `T` replaced by a space and fractional seconds kept; the
 * zone designator (or its absence) is preserved so no time-zone is implied.
 */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.replace(/^(\d{4}-\d{2}-\d{2})T/, '$1 ');
}

/** A signed decimal coordinate with 6 decimals (about 0.1 m), e.g. `-33.865143`. */
export function formatCoordinate(degrees: number | null | undefined): string {
  if (degrees === null || degrees === undefined || !Number.isFinite(degrees)) return '—';
  return degrees.toFixed(6);
}

/** Pixel dimensions, e.g. `4032 × 3024`, or an empty string when unknown. */
export function formatPixels(width: number | null, height: number | null): string {
  return width && height ? `${width} × ${height}` : '';
}

/** A metadata value of any JSON shape as one line of text, cut at `max` characters. */
export function formatMetadataValue(value: unknown, max = 240): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** The message of anything thrown, for the examiner. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
