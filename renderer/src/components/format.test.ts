import { describe, expect, it } from 'vitest';
import { formatBytes, formatCoordinate, formatCount, formatMetadataValue, formatPixels, formatTimestamp } from './format';

describe('format helpers', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(5 * 1024 * 1024 + 1)).toBe('5.0 MiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
    expect(formatBytes(null)).toBe('—');
  });

  it('formats counts, pixels and coordinates', () => {
    expect(formatCount(50000)).toBe('50,000');
    expect(formatPixels(4032, 3024)).toBe('4032 × 3024');
    expect(formatPixels(null, 10)).toBe('');
    expect(formatCoordinate(-33.8651434)).toBe('-33.865143');
    expect(formatCoordinate(null)).toBe('—');
  });

  it('shows timestamps without shifting zones', () => {
    expect(formatTimestamp('2024-05-01T10:30:12.123Z')).toBe('2024-05-01 10:30:12.123Z');
    expect(formatTimestamp('2024-05-01T10:30:12+02:00')).toBe('2024-05-01 10:30:12+02:00');
    expect(formatTimestamp('2024:05:01 10:30:12')).toBe('2024:05:01 10:30:12');
    expect(formatTimestamp(null)).toBe('—');
  });

  it('renders metadata values of any shape on one line', () => {
    expect(formatMetadataValue('Canon')).toBe('Canon');
    expect(formatMetadataValue([1, 2])).toBe('[1,2]');
    expect(formatMetadataValue({ a: 1 })).toBe('{"a":1}');
    expect(formatMetadataValue('x'.repeat(10), 4)).toBe('xxxx… (10 chars)');
    expect(formatMetadataValue(null)).toBe('');
  });
});
