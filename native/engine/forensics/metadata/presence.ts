/**
 * Which metadata blocks a file has (`metadata.none`, `metadata.exif-absent`, both info, score 0).
 * Messengers (WhatsApp, Signal, Telegram photos), social networks and many upload and "save for web"
 * paths strip EXIF and XMP and leave a bare JFIF header, so absence is common for images passed
 * between phones and is not by itself evidence of editing.
 */
import type { ForensicIndicator } from '../types';
import { indicator } from './indicator';
import type { MetadataRead } from './read-metadata';

export interface MetadataPresence {
  readonly exif: boolean;
  readonly gps: boolean;
  readonly xmp: boolean;
  readonly iptc: boolean;
  readonly icc: boolean;
  readonly jfif: boolean;
  readonly makerNote: boolean;
}

export function metadataPresence(m: MetadataRead): MetadataPresence {
  return {
    exif: m.ifd0 !== null || m.exif !== null,
    gps: m.gps !== null,
    xmp: Object.keys(m.xmp).length > 0 || m.xmpTiff !== null || m.xmpExif !== null,
    iptc: m.iptc !== null,
    icc: m.icc !== null,
    jfif: m.jfif !== null,
    makerNote: m.makerNoteLength > 0,
  };
}

/** Info indicators for files without EXIF (with or without other metadata). */
export function presenceIndicators(p: MetadataPresence, isJpeg: boolean): ForensicIndicator[] {
  if (p.exif) return [];
  const caveat = 'messengers and upload services strip metadata, so this is common for shared images and is not by itself evidence of editing; it does mean no capture device, date or thumbnail can be checked';
  if (!p.xmp && !p.iptc) {
    const header = isJpeg ? (p.jfif ? 'a JFIF header only' : 'no APP metadata at all') : 'no metadata blocks';
    return [indicator('none', 'info', 0, `no EXIF, XMP or IPTC metadata (${header}${p.icc ? ', plus an ICC profile' : ''}): ${caveat}`, { ...p })];
  }
  const present = [p.xmp ? 'XMP' : '', p.iptc ? 'IPTC' : ''].filter(Boolean).join(' and ');
  return [indicator('exif-absent', 'info', 0, `no EXIF block, but ${present} present: EXIF was removed or never written by the last program (an export or "save for web" path); ${caveat}`, { ...p })];
}
