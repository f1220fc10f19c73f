/**
 * Files: each item in scope as `uco-observable:File` (file, content-data with hashes, raster-picture and EXIF
 * facets), where it sat on its exhibit (a `Contained_Within` relationship with the path), the capture place its
 * GPS tags record, and every other packaged file (derived images, report, templates) tied to its source.
 */
import path from 'node:path';
import type { ItemRecord } from '../../store/items.repo';
import type { BuildContext } from './build-context';
import { compact, present, type MutableNode } from './graph-nodes';
import { decimal, exifDateTime, dateTime, hexBinary, ref, valueText } from './literals';
import type { PackagedFile } from './types';

/** The EXIF blocks exifr reads (TIFF IFD0/IFD1, Exif, GPS, Interop), in the order their tags are listed. */
const EXIF_BLOCKS = ['ifd0', 'exif', 'gps', 'interop', 'ifd1'] as const;

/** `uco-types:Hash` nodes for the digests known, with the vocabulary's method names (`SHA256`, not `SHA-256`). */
function hashes(ctx: BuildContext, owner: readonly (string | number)[], digests: Readonly<Record<'SHA256' | 'SHA512' | 'SHA1' | 'MD5', string | null | undefined>>): MutableNode[] {
  return (['SHA256', 'SHA512', 'SHA1', 'MD5'] as const)
    .filter((method) => digests[method])
    .map((method) => ({ '@id': ctx.ids.id('hash', ...owner, method), '@type': 'uco-types:Hash', 'uco-types:hashMethod': method, 'uco-types:hashValue': hexBinary(digests[method]!) }));
}

/** EXIF tags as dictionary entries: a tag that occurs in two blocks is keyed `<block>.<tag>` the second time, so keys stay unique. */
function exifEntries(ctx: BuildContext, itemId: number, metadata: Readonly<Record<string, unknown>>): MutableNode[] {
  const entries: MutableNode[] = [];
  const keys = new Set<string>();
  for (const block of EXIF_BLOCKS) {
    const tags = metadata[block];
    if (!tags || typeof tags !== 'object') continue;
    for (const tag of Object.keys(tags).sort()) {
      const value = (tags as Record<string, unknown>)[tag];
      if (value === null || value === undefined) continue;
      const key = keys.has(tag) ? `${block}.${tag}` : tag;
      keys.add(key);
      entries.push({ '@id': ctx.ids.id('exif-entry', itemId, key), '@type': 'uco-types:ControlledDictionaryEntry', 'uco-types:key': key, 'uco-types:value': valueText(value) });
    }
  }
  return entries;
}

const extensionOf = (name: string) => path.posix.extname(name).slice(1) || null;

/** The File node of an item (with the packaged copy's path and SHA-512 when it is in the package). */
export function addItemFile(ctx: BuildContext, item: ItemRecord, packaged: PackagedFile | undefined): string {
  const { ids, nodes } = ctx;
  const fileId = ids.id('file', 'item', item.id);
  const entries = item.hasExif ? exifEntries(ctx, item.id, item.metadata) : [];
  const facets = present([
    compact({
      '@id': ids.id('file-facet', 'item', item.id),
      '@type': 'uco-observable:FileFacet',
      'uco-observable:fileName': item.name,
      // In the package, the file is where the bag put it; on the exhibit it was at exhibitPath (the relationship below).
      'uco-observable:filePath': packaged?.bagPath ?? item.exhibitPath,
      'uco-observable:extension': extensionOf(item.name),
      'uco-observable:sizeInBytes': item.size,
      'uco-observable:modifiedTime': dateTime(item.fileTimes.modified),
      'uco-observable:accessedTime': dateTime(item.fileTimes.accessed),
      'uco-observable:observableCreatedTime': dateTime(item.fileTimes.created),
    }),
    compact({
      '@id': ids.id('content-data-facet', 'item', item.id),
      '@type': 'uco-observable:ContentDataFacet',
      'uco-observable:mimeType': item.mime,
      'uco-observable:sizeInBytes': item.size,
      'uco-observable:hash': hashes(ctx, ['item', item.id], { SHA256: item.sha256, SHA512: packaged?.sha512, SHA1: item.sha1, MD5: item.md5 }),
    }),
    item.width !== null && item.height !== null
      ? { '@id': ids.id('raster-picture-facet', 'item', item.id), '@type': 'uco-observable:RasterPictureFacet', 'uco-observable:pictureType': item.kind, 'uco-observable:pictureWidth': item.width, 'uco-observable:pictureHeight': item.height }
      : null,
    entries.length
      ? {
          '@id': ids.id('exif-facet', 'item', item.id),
          '@type': 'uco-observable:EXIFFacet',
          'uco-observable:exifData': { '@id': ids.id('controlled-dictionary', 'exif', item.id), '@type': 'uco-types:ControlledDictionary', 'uco-types:entry': entries },
        }
      : null,
  ]);
  nodes.add(
    compact({
      '@id': fileId,
      '@type': 'uco-observable:File',
      'uco-core:name': item.name,
      'uco-core:description': [item.error ? `Ingest error: ${item.error}` : null, ...item.warnings].filter(Boolean).join(' ') || null,
      'uco-core:tag': item.tags,
      'uco-core:hasFacet': facets,
    }),
  );

  const deviceId = ctx.deviceOfExhibit.get(item.exhibitId);
  if (deviceId) {
    nodes.add({
      '@id': ids.id('observable-relationship', 'contained-within', item.id),
      '@type': 'uco-observable:ObservableRelationship',
      'uco-core:source': [ref(fileId)],
      'uco-core:target': ref(deviceId),
      'uco-core:isDirectional': true,
      'uco-core:kindOfRelationship': 'Contained_Within',
      'uco-core:hasFacet': [{ '@id': ids.id('path-relation-facet', 'item', item.id), '@type': 'uco-observable:PathRelationFacet', 'uco-observable:path': item.exhibitPath }],
    });
  }

  if (item.exif.gpsLatitude !== null && item.exif.gpsLongitude !== null) addCapture(ctx, item, fileId);
  return fileId;
}

/**
 * Where and when the file says it was captured, as in the CASE EXIF example: an action with the location and
 * the file as result. Values are as the device wrote them (no time zone guessed), not verified.
 */
function addCapture(ctx: BuildContext, item: ItemRecord, fileId: string): void {
  const { ids, nodes } = ctx;
  const locationId = ids.id('location', 'gps', item.id);
  nodes.add({
    '@id': locationId,
    '@type': 'uco-location:Location',
    'uco-core:hasFacet': [
      { '@id': ids.id('lat-long-coordinates-facet', 'gps', item.id), '@type': 'uco-location:LatLongCoordinatesFacet', 'uco-location:latitude': decimal(item.exif.gpsLatitude!), 'uco-location:longitude': decimal(item.exif.gpsLongitude!) },
    ],
  });
  const offset = item.times.find((t) => /DateTimeOriginal/i.test(t.source))?.offset ?? null;
  nodes.add(
    compact({
      '@id': ids.id('action', 'capture', item.id),
      '@type': 'uco-action:Action',
      'uco-core:name': 'Capture (as recorded in the file\'s EXIF)',
      'uco-core:description': 'Time and GPS position as written by the capturing device; not verified.',
      'uco-action:startTime': exifDateTime(item.exif.dateTimeOriginal, offset),
      'uco-action:location': ref(locationId),
      'uco-action:result': [ref(fileId)],
    }),
  );
}

/** A packaged file that is not an item copy: derived image, report or template. Returns its File node. */
export function addPackagedFile(ctx: BuildContext, file: PackagedFile): string {
  const { ids, nodes } = ctx;
  const fileId = ids.id('file', 'package', file.bagPath);
  const name = path.posix.basename(file.bagPath);
  nodes.add(
    compact({
      '@id': fileId,
      '@type': 'uco-observable:File',
      'uco-core:name': name,
      'uco-core:description': file.description,
      'uco-core:tag': [`package-role:${file.role}`],
      'uco-core:hasFacet': [
        compact({
          '@id': ids.id('file-facet', 'package', file.bagPath),
          '@type': 'uco-observable:FileFacet',
          'uco-observable:fileName': name,
          'uco-observable:filePath': file.bagPath,
          'uco-observable:extension': extensionOf(name),
          'uco-observable:sizeInBytes': file.size,
        }),
        compact({
          '@id': ids.id('content-data-facet', 'package', file.bagPath),
          '@type': 'uco-observable:ContentDataFacet',
          'uco-observable:mimeType': file.mediaType,
          'uco-observable:sizeInBytes': file.size,
          'uco-observable:hash': hashes(ctx, ['package', file.bagPath], { SHA256: file.sha256, SHA512: file.sha512, SHA1: null, MD5: null }),
        }),
      ],
    }),
  );
  return fileId;
}

/** A derived file's tie to the file it was made from: one source, one target, directional. */
export function addDerivedFrom(ctx: BuildContext, derivedId: string, sourceId: string): void {
  ctx.nodes.ensure(ctx.ids.id('observable-relationship', 'derived-from', derivedId, sourceId), () => ({
    '@id': ctx.ids.id('observable-relationship', 'derived-from', derivedId, sourceId),
    '@type': 'uco-observable:ObservableRelationship',
    'uco-core:source': [ref(derivedId)],
    'uco-core:target': ref(sourceId),
    'uco-core:isDirectional': true,
    'uco-core:kindOfRelationship': 'Derived_From',
  }));
}
