/**
 * Shapes of the JPEG structure reader: segments in file order, the frame, tables, scans and the
 * anomalies met while walking them. All offsets are byte offsets in the input buffer.
 */

/** Thrown when the input is not a JPEG at all (no SOI marker at offset 0). Damage after SOI is an anomaly instead. */
export class JpegStructureError extends Error {
  constructor(detail: string) {
    super(`Not a readable JPEG: ${detail}`);
    this.name = 'JpegStructureError';
  }
}

/** One marker segment (or standalone marker) in file order. */
export interface JpegSegment {
  /** Marker code, 0xC0..0xFE (the byte after 0xFF). */
  readonly marker: number;
  /** Short name: SOI, APP1, DQT, SOF0, DHT, SOS, COM, EOI, ... */
  readonly name: string;
  /** Offset of the 0xFF byte that starts the marker. */
  readonly offset: number;
  /** The segment's length field (it counts itself, not the marker); 0 for standalone markers (SOI, EOI, RSTn). */
  readonly length: number;
  /** APPn identifier (JFIF, JFXX, Exif, XMP, XMP-extension, ICC_PROFILE, MPF, Photoshop IRB, Adobe, Ducky, or the raw ASCII prefix); COM text start; else null. */
  readonly identifier: string | null;
  /** For SOS: bytes of entropy-coded data after the header, up to the next marker that is not RSTn. */
  readonly entropyBytes?: number;
}

export interface FrameComponent {
  readonly id: number;
  /** Horizontal and vertical sampling factors. */
  readonly h: number;
  readonly v: number;
  readonly quantTableId: number;
}

export interface JpegFrame {
  readonly marker: number;
  /** T.81 process of the SOF marker, e.g. "baseline DCT, Huffman" (SOF0), "progressive DCT, Huffman" (SOF2). */
  readonly process: string;
  /** Same number as exiftool's EncodingProcess: marker - 0xC0. */
  readonly encodingProcess: number;
  readonly precision: number;
  readonly width: number;
  readonly height: number;
  readonly components: readonly FrameComponent[];
  /** "4:4:4", "4:2:2", "4:2:0", "4:4:0", "4:1:1", "4:1:0", "gray", or "HxV,HxV,..." when none of those. */
  readonly subsampling: string;
  /** Luma factors over chroma factors as exiftool's YCbCrSubSampling ("2 2" for 4:2:0); null unless 3 components. */
  readonly ycbcrSubsampling: readonly [number, number] | null;
  readonly progressive: boolean;
  readonly arithmetic: boolean;
}

export interface QuantTableDefinition {
  readonly id: number;
  readonly precision: 8 | 16;
  /** 64 steps in natural row-major order (index = row * 8 + column). */
  readonly values: readonly number[];
  /** Offset of the DQT marker that defined it. */
  readonly offset: number;
}

export interface HuffmanTableDefinition {
  readonly tableClass: 'dc' | 'ac';
  readonly id: number;
  readonly symbolCount: number;
  /** Which Annex K (K.3) typical table it equals, or null for an optimised (image-specific) table. */
  readonly standard: 'luminance' | 'chrominance' | null;
  readonly offset: number;
}

export interface ScanInfo {
  readonly offset: number;
  readonly componentIds: readonly number[];
  /** Spectral selection and successive approximation (progressive scans). */
  readonly ss: number;
  readonly se: number;
  readonly ah: number;
  readonly al: number;
  readonly entropyBytes: number;
  readonly restartMarkers: number;
}

/** Which table a frame component used: the one defined in its slot when its first scan began. */
export interface ComponentTable {
  readonly componentId: number;
  readonly tableId: number;
  /** Null when the slot was never defined. */
  readonly values: readonly number[] | null;
  readonly precision: 8 | 16 | null;
}

export type AnomalyCode =
  | 'missing-eoi'
  | 'truncated'
  | 'trailing-data'
  | 'extraneous-bytes'
  | 'bad-segment'
  | 'table-redefined'
  | 'undefined-table'
  | 'marker-order'
  | 'no-frame'
  | 'multiple-frames'
  | 'duplicate-app-segment'
  | 'no-huffman-tables'
  | 'unknown-marker'
  | 'limit-reached';

export interface JpegAnomaly {
  readonly code: AnomalyCode;
  readonly offset: number | null;
  readonly detail: string;
}

/** What follows EOI: `padding` (only 0x00 or 0xFF bytes), `mpf-images` (the images an MPF index points at),
 * `jpeg` (starts with another SOI, not indexed), `other`. */
export type TrailerKind = 'none' | 'padding' | 'mpf-images' | 'jpeg' | 'other';

export interface EmbeddedImage {
  /** Absolute offset in the buffer and length in bytes. */
  readonly offset: number;
  readonly length: number;
  /** Whether the bytes at `offset` are an SOI marker (FF D8). */
  readonly startsWithSoi: boolean;
}

export interface JpegStructure {
  readonly fileSize: number;
  readonly segments: readonly JpegSegment[];
  readonly frame: JpegFrame | null;
  readonly quantTables: readonly QuantTableDefinition[];
  readonly componentTables: readonly ComponentTable[];
  readonly huffmanTables: readonly HuffmanTableDefinition[];
  /** `standard`: every DHT table is an Annex K table; `optimised`: none is; `mixed`; `none` (no DHT, e.g. Motion-JPEG frames); `arithmetic`. */
  readonly huffman: 'standard' | 'optimised' | 'mixed' | 'none' | 'arithmetic';
  readonly scans: readonly ScanInfo[];
  /** Last DRI value before the first scan (MCUs per restart interval), 0 when none. */
  readonly restartInterval: number;
  readonly comments: readonly string[];
  readonly jfif: { readonly version: string; readonly units: number; readonly xDensity: number; readonly yDensity: number } | null;
  readonly adobe: { readonly version: number; readonly transform: number } | null;
  /** IFD1 thumbnail of the Exif APP1 segment (JPEGInterchangeFormat / Length), if any. */
  readonly exifThumbnail: EmbeddedImage | null;
  /** Images listed by a CIPA DC-007 MPF index (APP2 "MPF"), the first being this image. */
  readonly mpfImages: readonly EmbeddedImage[];
  readonly eoiOffset: number | null;
  readonly trailingBytes: number;
  readonly trailer: TrailerKind;
  /** Trailing bytes neither padding nor inside an image the MPF index lists. */
  readonly trailerUnexplainedBytes: number;
  readonly anomalies: readonly JpegAnomaly[];
}
