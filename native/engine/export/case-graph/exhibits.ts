/**
 * Exhibits: the seized device or medium (`uco-observable:Device`, `MobileDevice` when an IMEI was recorded),
 * its collection record as a seizure action with a provenance record (who, when, where, seal, serial/IMEI), and
 * each import that acquired files from it as an acquisition action.
 */
import type { Exhibit } from '../../contract';
import { configuredTool, namedPerson, organization } from './actors';
import type { BuildContext } from './build-context';
import type { ImportRecord } from './case-graph.query';
import { compact } from './graph-nodes';
import { dateTime, ref } from './literals';

/** Import statuses as `uco-action:actionStatus` (ActionStatusTypeVocab). */
const IMPORT_STATUS: Readonly<Record<string, string>> = { done: 'Success', failed: 'Fail', running: 'Ongoing', cancelled: 'Error', interrupted: 'Error' };

/** The device node of an exhibit, with its provenance record and seizure action; returns the device id. */
export function addExhibit(ctx: BuildContext, exhibit: Exhibit): string {
  const { ids, nodes } = ctx;
  const deviceId = ids.id('device', 'exhibit', exhibit.id);
  const manufacturer = exhibit.deviceMake ? organization(ids, nodes, exhibit.deviceMake) : null;
  const facets = [
    compact({
      '@id': ids.id('device-facet', 'exhibit', exhibit.id),
      '@type': 'uco-observable:DeviceFacet',
      'uco-observable:manufacturer': manufacturer ? ref(manufacturer) : null,
      'uco-observable:model': exhibit.deviceModel,
      'uco-observable:serialNumber': exhibit.deviceSerial,
    }),
    exhibit.deviceImei ? { '@id': ids.id('mobile-device-facet', 'exhibit', exhibit.id), '@type': 'uco-observable:MobileDeviceFacet', 'uco-observable:IMEI': exhibit.deviceImei } : null,
  ].filter((f): f is NonNullable<typeof f> => f !== null && Object.keys(f).length > 2);
  nodes.add(
    compact({
      '@id': deviceId,
      '@type': exhibit.deviceImei ? 'uco-observable:MobileDevice' : 'uco-observable:Device',
      'uco-core:name': exhibit.label,
      'uco-core:description': exhibit.description,
      'uco-core:hasFacet': facets,
    }),
  );

  const provenanceId = ids.id('provenance-record', 'exhibit', exhibit.id);
  const seizedAtLiteral = dateTime(exhibit.seizedAt);
  const record = [
    exhibit.seizedBy ? `Seized by ${exhibit.seizedBy}` : null,
    exhibit.seizedAt ? `at ${exhibit.seizedAt}` : null,
    exhibit.place ? `in ${exhibit.place}` : null,
  ].filter(Boolean);
  nodes.add(
    compact({
      '@id': provenanceId,
      '@type': 'case-investigation:ProvenanceRecord',
      'case-investigation:exhibitNumber': exhibit.label,
      'uco-core:description': [record.length ? `${record.join(' ')}.` : null, exhibit.sealNumber ? `Seal ${exhibit.sealNumber}.` : null, exhibit.notes].filter(Boolean).join(' ') || null,
      'uco-core:object': [ref(deviceId)],
      'uco-core:objectCreatedTime': dateTime(exhibit.createdAt),
      'uco-core:externalReference': exhibit.sealNumber
        ? [{ '@id': ids.id('external-reference', 'seal', exhibit.id), '@type': 'uco-core:ExternalReference', 'uco-core:definingContext': 'evidence seal number', 'uco-core:externalIdentifier': exhibit.sealNumber }]
        : [],
    }),
  );

  if (exhibit.seizedBy || exhibit.seizedAt || exhibit.place) {
    const locationId = exhibit.place ? ids.id('location', 'seizure', exhibit.id) : null;
    if (locationId) nodes.add({ '@id': locationId, '@type': 'uco-location:Location', 'uco-core:name': exhibit.place });
    nodes.add(
      compact({
        '@id': ids.id('investigative-action', 'seizure', exhibit.id),
        '@type': 'case-investigation:InvestigativeAction',
        'uco-core:name': `Seizure of ${exhibit.label}`,
        // A date without a time is not an xsd:dateTime: it stays in the description as entered.
        'uco-core:description': seizedAtLiteral || !exhibit.seizedAt ? null : `Seized on ${exhibit.seizedAt} (as entered).`,
        'uco-action:startTime': seizedAtLiteral,
        'uco-action:performer': exhibit.seizedBy ? ref(namedPerson(ids, nodes, exhibit.seizedBy)) : null,
        'uco-action:location': locationId ? ref(locationId) : null,
        'uco-action:result': [ref(deviceId), ref(provenanceId)],
      }),
    );
  }
  return deviceId;
}

/** One import as an acquisition: CaseLens's importer (with its extractor settings) read the files off the exhibit. */
export function addAcquisition(ctx: BuildContext, imp: ImportRecord, itemIds: readonly number[]): void {
  const deviceId = ctx.deviceOfExhibit.get(imp.exhibitId);
  if (!deviceId) return;
  const instrument = configuredTool(ctx, 'caselens.import', ctx.options.tool.version, { parameters: { ...imp.extractor, referenceInPlace: imp.referenceInPlace } });
  ctx.nodes.add(
    compact({
      '@id': ctx.ids.id('investigative-action', 'import', imp.id),
      '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': 'Acquisition (import into the case: read once, hashed, copied or referenced, verified)',
      'uco-core:description': imp.status === 'done' ? null : `Import status: ${imp.status}.`,
      'uco-action:actionStatus': IMPORT_STATUS[imp.status] ?? 'Unknown',
      'uco-action:startTime': dateTime(imp.startedAt),
      'uco-action:endTime': dateTime(imp.finishedAt),
      'uco-action:instrument': ref(instrument),
      'uco-action:performer': ctx.examinerId ? ref(ctx.examinerId) : null,
      'uco-action:object': [ref(deviceId)],
      'uco-action:result': itemIds.map((id) => ctx.fileOfItem.get(id)).filter((f): f is string => !!f).map(ref),
    }),
  );
}
