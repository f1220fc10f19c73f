/**
 * JPEG structure walker: every marker segment from SOI to EOI in file order (T.81 Annex B), with the
 * frame, quantization and Huffman tables, scans, APPn identifiers, what follows EOI, and anomalies.
 *
 * Unlike a decoder (`../jpeg-dct/markers.ts`, a port of libjpeg's jdmarker.c that stops at the first
 * error, as libjpeg does), this walker is tolerant: damage is recorded as an anomaly and the walk goes
 * on where it safely can, so a truncated or patched file still shows what it contains. Only input
 * without an SOI marker at offset 0 throws (JpegStructureError). Hostile input: every loop advances
 * through the buffer, and segment, scan, comment and anomaly counts are capped.
 */
import { appIdentifier, commentText, exifThumbnail, mpfImages, parseAdobe, parseJfif } from './app-segments';
import { isSof, markerName, parseFrame } from './frame';
import { classifyTrailer } from './trailer';
import { matchStandardHuffman, ZIGZAG_TO_NATURAL } from './standard-tables';
import type { AnomalyCode, ComponentTable, EmbeddedImage, HuffmanTableDefinition, JpegAnomaly, JpegFrame, JpegSegment, JpegStructure, QuantTableDefinition, ScanInfo } from './types';
import { JpegStructureError } from './types';

/** Real files have well under 100 segments (a progressive file ~30); 10 000 bounds a file of empty segments. */
const MAX_SEGMENTS = 10_000;
/** libjpeg-turbo's fuzzing harness caps scans at 500; encoders stay far below 100. */
const MAX_SCANS = 500;
/** Comments kept and characters per comment: enough to read encoder banners, bounded for hostile files. */
const MAX_COMMENTS = 16;
const MAX_COMMENT_CHARS = 256;
/** Anomalies kept; beyond that the file is plainly damaged and more entries add nothing. */
const MAX_ANOMALIES = 64;

class Walker {
  readonly segments: JpegSegment[] = [];
  readonly anomalies: JpegAnomaly[] = [];
  readonly quantTables: QuantTableDefinition[] = [];
  readonly huffmanTables: HuffmanTableDefinition[] = [];
  readonly scans: ScanInfo[] = [];
  readonly comments: string[] = [];
  readonly slots: (QuantTableDefinition | null)[] = [null, null, null, null];
  readonly latched = new Map<number, QuantTableDefinition | null>();
  frame: JpegFrame | null = null;
  restartInterval = 0;
  restartIntervalAtFirstScan = 0;
  sawCodingSegment = false;
  jfif: JpegStructure['jfif'] = null;
  adobe: JpegStructure['adobe'] = null;
  exifThumbnail: EmbeddedImage | null = null;
  mpfImages: EmbeddedImage[] = [];
  readonly appCounts = new Map<string, number>();

  constructor(readonly bytes: Uint8Array) {}

  anomaly(code: AnomalyCode, offset: number | null, detail: string): void {
    if (this.anomalies.length < MAX_ANOMALIES) this.anomalies.push({ code, offset, detail });
  }

  u16(at: number): number {
    return ((this.bytes[at] as number) << 8) | (this.bytes[at + 1] as number);
  }

  /** Skips entropy-coded data from `start`: returns the offset of the next marker that is not RSTn (or the end). */
  skipEntropy(start: number): { end: number; restarts: number; reachedEnd: boolean } {
    const bytes = this.bytes;
    let p = start;
    let restarts = 0;
    for (;;) {
      p = bytes.indexOf(0xff, p);
      if (p < 0 || p + 1 >= bytes.length) return { end: bytes.length, restarts, reachedEnd: true };
      const next = bytes[p + 1] as number;
      if (next === 0x00) p += 2; // stuffed 0xFF data byte
      else if (next === 0xff) p += 1; // fill byte before a marker
      else if (next >= 0xd0 && next <= 0xd7) {
        restarts++;
        p += 2;
      } else return { end: p, restarts, reachedEnd: false };
    }
  }

  app(marker: number, offset: number, payload: Uint8Array, identifier: string | null): void {
    const label = `APP${marker - 0xe0}${identifier ? ` (${identifier})` : ''}`;
    if (this.sawCodingSegment) this.anomaly('marker-order', offset, `${label} comes after table or frame segments; encoders write APPn first, tools that add metadata to an existing file may not`);
    const before = this.segments.length - 2; // segments before this one, not counting SOI
    if (identifier === 'JFIF' && marker === 0xe0 && before !== 0) this.anomaly('marker-order', offset, 'JFIF APP0 is not the first segment after SOI (JFIF 1.02 requires it)');
    if (identifier === 'Exif' && marker === 0xe1) {
      const previous = this.segments.slice(1, -1);
      if (!previous.every((s) => s.identifier === 'JFIF' || s.identifier === 'JFXX')) this.anomaly('marker-order', offset, 'Exif APP1 does not follow SOI (or the JFIF APP0) directly, as Exif 2.3 §4.5.4 requires');
    }
    if (identifier === 'JFIF' || identifier === 'Exif') {
      const seen = (this.appCounts.get(identifier) ?? 0) + 1;
      this.appCounts.set(identifier, seen);
      if (seen === 2) this.anomaly('duplicate-app-segment', offset, `second ${label} segment`);
    }
    if (identifier === 'JFIF' && !this.jfif) this.jfif = parseJfif(payload);
    if (identifier === 'Adobe' && marker === 0xee && !this.adobe) this.adobe = parseAdobe(payload);
    if (identifier === 'Exif' && marker === 0xe1 && !this.exifThumbnail) this.exifThumbnail = exifThumbnail(this.bytes, offset + 4, payload.length);
    if (identifier === 'MPF' && marker === 0xe2 && this.mpfImages.length === 0) this.mpfImages = mpfImages(this.bytes, offset + 4, payload.length);
  }

  dqt(offset: number, payload: Uint8Array): void {
    let p = 0;
    while (p < payload.length) {
      const precision = (payload[p] as number) >> 4;
      const id = (payload[p] as number) & 15;
      const size = precision ? 128 : 64;
      if (precision > 1 || id > 3 || p + 1 + size > payload.length) {
        this.anomaly('bad-segment', offset, `DQT entry at +${p}: precision ${precision}, id ${id}, ${payload.length - p - 1} bytes left for ${size}`);
        return;
      }
      const values = new Array<number>(64);
      for (let i = 0; i < 64; i++) values[ZIGZAG_TO_NATURAL[i] as number] = precision ? this.u16Of(payload, p + 1 + i * 2) : (payload[p + 1 + i] as number);
      const previous = this.slots[id];
      if (previous) {
        const same = previous.values.every((v, i) => v === values[i]);
        this.anomaly('table-redefined', offset, `quantization table ${id} defined again${same ? ' with the same values' : ' with different values'}`);
      }
      const table: QuantTableDefinition = { id, precision: precision ? 16 : 8, values, offset };
      this.slots[id] = table;
      this.quantTables.push(table);
      p += 1 + size;
    }
  }

  u16Of(payload: Uint8Array, at: number): number {
    return ((payload[at] as number) << 8) | (payload[at + 1] as number);
  }

  dht(offset: number, payload: Uint8Array): void {
    let p = 0;
    while (p < payload.length) {
      const tableClass = (payload[p] as number) >> 4;
      const id = (payload[p] as number) & 15;
      if (p + 17 > payload.length) break;
      const counts = payload.subarray(p + 1, p + 17);
      const symbolCount = counts.reduce((a, b) => a + b, 0);
      if (tableClass > 1 || id > 3 || symbolCount > 256 || p + 17 + symbolCount > payload.length) break;
      const symbols = payload.subarray(p + 17, p + 17 + symbolCount);
      const kind = tableClass === 0 ? 'dc' : 'ac';
      this.huffmanTables.push({ tableClass: kind, id, symbolCount, standard: matchStandardHuffman(kind, counts, symbols), offset });
      p += 17 + symbolCount;
    }
    if (p !== payload.length) this.anomaly('bad-segment', offset, `DHT entry at +${p} is malformed or overruns the segment`);
  }

  sos(offset: number, payload: Uint8Array): Omit<ScanInfo, 'entropyBytes' | 'restartMarkers'> | null {
    const count = payload[0] ?? 0;
    if (count < 1 || count > 4 || payload.length < 1 + count * 2 + 3) {
      this.anomaly('bad-segment', offset, `scan header with ${count} components in ${payload.length} bytes`);
      return null;
    }
    if (!this.frame) this.anomaly('marker-order', offset, 'SOS before any frame header (SOFn)');
    if (this.scans.length === 0) this.restartIntervalAtFirstScan = this.restartInterval;
    const componentIds: number[] = [];
    for (let i = 0; i < count; i++) {
      const id = payload[1 + i * 2] as number;
      componentIds.push(id);
      const component = this.frame?.components.find((c) => c.id === id);
      if (!component) this.anomaly('bad-segment', offset, `scan names component ${id}, which the frame does not have`);
      else if (!this.latched.has(id)) {
        const table = this.slots[component.quantTableId] ?? null;
        if (!table) this.anomaly('undefined-table', offset, `component ${id} starts its first scan with quantization table ${component.quantTableId} undefined`);
        this.latched.set(id, table);
      }
    }
    const at = 1 + count * 2;
    const a = payload[at + 2] as number;
    return { offset, componentIds, ss: payload[at] as number, se: payload[at + 1] as number, ah: a >> 4, al: a & 15 };
  }

  /** Handles one length-prefixed segment; returns the offset where the walk continues. */
  segment(marker: number, offset: number, length: number): number {
    const bytes = this.bytes;
    const end = offset + 2 + length;
    const payload = bytes.subarray(offset + 4, end);
    let identifier: string | null = null;
    if (marker >= 0xe0 && marker <= 0xef) identifier = appIdentifier(payload);
    else if (marker === 0xfe) identifier = commentText(payload.subarray(0, 32), 32) || null;
    this.segments.push({ marker, name: markerName(marker), offset, length, identifier });
    if (marker >= 0xe0 && marker <= 0xef) this.app(marker, offset, payload, identifier);
    else if (marker === 0xfe) {
      if (this.comments.length < MAX_COMMENTS) this.comments.push(commentText(payload, MAX_COMMENT_CHARS));
    } else if (marker === 0xdb) this.dqt(offset, payload);
    else if (marker === 0xc4) this.dht(offset, payload);
    else if (marker === 0xdd) this.restartInterval = payload.length >= 2 ? this.u16(offset + 4) : 0;
    else if (isSof(marker)) {
      if (this.frame) this.anomaly('multiple-frames', offset, `second frame header ${markerName(marker)}; the first is kept`);
      else {
        const frame = parseFrame(marker, payload);
        if (typeof frame === 'string') this.anomaly('bad-segment', offset, frame);
        else this.frame = frame;
      }
    }
    if (marker === 0xdb || marker === 0xc4 || marker === 0xda || marker === 0xdd || isSof(marker)) this.sawCodingSegment = true;
    if (marker !== 0xda) return end;
    const header = this.sos(offset, payload);
    const entropy = this.skipEntropy(end);
    this.segments[this.segments.length - 1] = { marker, name: 'SOS', offset, length, identifier, entropyBytes: entropy.end - end };
    if (header) this.scans.push({ ...header, entropyBytes: entropy.end - end, restartMarkers: entropy.restarts });
    if (entropy.reachedEnd) this.anomaly('truncated', end, `entropy-coded data of scan ${this.scans.length} runs to the end of the file`);
    return entropy.end;
  }

  /** Walks from after SOI; returns the EOI offset or null. */
  walk(): number | null {
    const bytes = this.bytes;
    const n = bytes.length;
    let pos = 2;
    while (pos < n) {
      if (this.segments.length >= MAX_SEGMENTS || this.scans.length >= MAX_SCANS) {
        this.anomaly('limit-reached', pos, `walk stopped after ${this.segments.length} segments and ${this.scans.length} scans`);
        return null;
      }
      if (bytes[pos] !== 0xff || bytes[pos + 1] === 0x00) {
        const start = pos;
        while (pos + 1 < n && !(bytes[pos] === 0xff && bytes[pos + 1] !== 0x00 && bytes[pos + 1] !== 0xff)) pos++;
        this.anomaly('extraneous-bytes', start, `${pos - start} bytes that are not a marker`);
        if (pos + 1 >= n) return null;
      }
      while (pos + 1 < n && bytes[pos + 1] === 0xff) pos++; // fill bytes
      if (pos + 1 >= n) return null;
      const marker = bytes[pos + 1] as number;
      const offset = pos;
      const standalone = marker === 0xd8 || marker === 0xd9 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
      if (standalone) {
        this.segments.push({ marker, name: markerName(marker), offset, length: 0, identifier: null });
        if (marker === 0xd9) return offset;
        if (marker === 0xd8) this.anomaly('marker-order', offset, 'second SOI marker');
        pos += 2;
        continue;
      }
      if (marker < 0xc0) {
        this.anomaly('unknown-marker', offset, `reserved marker 0x${marker.toString(16).padStart(2, '0')}`);
        pos += 2;
        continue;
      }
      if (pos + 4 > n) {
        this.anomaly('truncated', offset, `file ends inside the ${markerName(marker)} marker`);
        return null;
      }
      const length = this.u16(pos + 2);
      if (length < 2) {
        this.anomaly('bad-segment', offset, `${markerName(marker)} with length field ${length}`);
        return null;
      }
      if (pos + 2 + length > n) {
        this.segments.push({ marker, name: markerName(marker), offset, length, identifier: null });
        this.anomaly('truncated', offset, `${markerName(marker)} declares ${length} bytes, the file holds ${n - pos - 2}`);
        return null;
      }
      pos = this.segment(marker, offset, length);
    }
    return null;
  }
}

function huffmanKind(walker: Walker): JpegStructure['huffman'] {
  if (walker.frame?.arithmetic) return 'arithmetic';
  const tables = walker.huffmanTables;
  if (tables.length === 0) return 'none';
  const standard = tables.filter((t) => t.standard !== null).length;
  return standard === tables.length ? 'standard' : standard === 0 ? 'optimised' : 'mixed';
}

/**
 * Walks the markers of a JPEG byte buffer and returns its structure (see JpegStructure). Linear in the
 * file size (entropy data is skipped with a native byte search). Throws JpegStructureError only when
 * the buffer does not start with SOI (FF D8); everything after that is reported, damage as anomalies.
 */
export function parseJpegStructure(bytes: Uint8Array): JpegStructure {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new JpegStructureError(`no SOI marker (FF D8) at offset 0; the file starts with [${head}] (${bytes.length} bytes)`);
  }
  const walker = new Walker(bytes);
  walker.segments.push({ marker: 0xd8, name: 'SOI', offset: 0, length: 0, identifier: null });
  const eoiOffset = walker.walk();
  if (eoiOffset === null) walker.anomaly('missing-eoi', null, 'no EOI marker: the file is truncated or damaged');
  const frame = walker.frame;
  if (!frame) walker.anomaly('no-frame', null, 'no frame header (SOFn)');
  const huffman = huffmanKind(walker);
  if (huffman === 'none' && walker.scans.length > 0) walker.anomaly('no-huffman-tables', null, 'Huffman-coded scans without DHT segments (Motion-JPEG style: decoders assume the Annex K tables)');
  const componentTables: ComponentTable[] = (frame?.components ?? []).map((c) => {
    const table = walker.latched.has(c.id) ? (walker.latched.get(c.id) ?? null) : walker.slots[c.quantTableId] ?? null;
    return { componentId: c.id, tableId: c.quantTableId, values: table?.values ?? null, precision: table?.precision ?? null };
  });
  const trailer = classifyTrailer(bytes, eoiOffset, walker.mpfImages);
  if (trailer.bytes > 0) walker.anomaly('trailing-data', (eoiOffset ?? 0) + 2, `${trailer.bytes} bytes after EOI (${trailer.kind}${trailer.unexplainedBytes > 0 ? `, ${trailer.unexplainedBytes} not accounted for` : ''})`);
  return {
    fileSize: bytes.length,
    segments: walker.segments,
    frame,
    quantTables: walker.quantTables,
    componentTables,
    huffmanTables: walker.huffmanTables,
    huffman,
    scans: walker.scans,
    restartInterval: walker.scans.length > 0 ? walker.restartIntervalAtFirstScan : walker.restartInterval,
    comments: walker.comments,
    jfif: walker.jfif,
    adobe: walker.adobe,
    exifThumbnail: walker.exifThumbnail,
    mpfImages: walker.mpfImages,
    eoiOffset,
    trailingBytes: trailer.bytes,
    trailer: trailer.kind,
    trailerUnexplainedBytes: trailer.unexplainedBytes,
    anomalies: walker.anomalies,
  };
}
