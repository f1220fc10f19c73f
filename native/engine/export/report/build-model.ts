/**
 * Gather what the report shows from a read-only case: the selected items, the documents found in them with
 * their template checks, forensic results and maps, the links and families touching them, the analysers'
 * methods, and the package's files. Reads only (`CaseReader`); evidence and results are never changed.
 */
import { FORENSIC_TITLES } from '../../analysers/forensics';
import { asDocumentId, asItemId, EngineError, type AssessmentLevel, type CrossCheckView, type FindingView, type Severity, type ZoneState } from '../../contract';
import { newestRunsOn } from '../../store/analyser-runs.query';
import type { CaseReader } from '../../store/case-store';
import { APP_VERSION } from '../../version';
import { labelsFor, DEFAULT_LANGUAGES } from './i18n/labels';
import { documentImage, embeddable, mapImage } from './images';
import type {
  CoverNote,
  PackagedFile,
  ReportDocument,
  ReportExhibit,
  ReportFamily,
  ReportFinding,
  ReportItem,
  ReportLink,
  ReportMap,
  ReportMethod,
  ReportModel,
  ReportReason,
  ReportZone,
} from './report-model';

export interface ReportOptions {
  /** The items the package holds, in the order the report lists them. */
  readonly itemIds: readonly number[];
  readonly coverNote: CoverNote;
  /** Label languages, primary first (default English and Montenegrin / Serbian Latin). */
  readonly languages?: readonly string[];
  /** Every file of the package (the hash appendix). */
  readonly packagedFiles: readonly PackagedFile[];
  /** Fingerprint of the key that signs the package, shown in every page's footer. */
  readonly signerFingerprint: string;
  /** ISO 8601 time of the export: the report's date and the PDF's creation date (same input, same PDF). */
  readonly exportedAt: string;
  /** The examiner's unit or organisation, for the cover. */
  readonly organisation?: string | null;
  /** Whether the case is the synthetic demo; by default a case whose reference or title starts with "DEMO". */
  readonly demo?: boolean;
}

const HANDLING = new Set(['H0', 'H1', 'H2', 'H3']);
const RELIABILITY = new Set(['A', 'B', 'C', 'X']);
const ACCURACY = new Set([1, 2, 3, 4]);
const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high'];
const LEVELS: readonly AssessmentLevel[] = ['no-indicators', 'review', 'strong-indicators'];
const ZONE_STATES = new Set<ZoneState>(['agrees', 'review', 'deviates', 'not-checked']);
/** Finding kinds that are plain reading results and are shown in the printed-fields table rather than as findings. */
const SHOWN_AS_FIELDS = new Set(['viz.field', 'viz.crosscheck']);
/** At most this many link ends are looked up at once (SQLite binds each twice: 2 x 400 parameters). */
const REF_CHUNK = 400;

function invalid(message: string): never {
  throw new EngineError('invalid-args', message);
}

function checkOptions(options: ReportOptions): void {
  if (!Array.isArray(options.itemIds) || options.itemIds.length === 0) invalid('A report needs at least one item.');
  for (const id of options.itemIds) if (!Number.isSafeInteger(id) || id <= 0) invalid(`Item id ${String(id)} is not an item id.`);
  if (new Set(options.itemIds).size !== options.itemIds.length) invalid('An item is selected twice for the report.');
  const note = options.coverNote;
  if (!note || typeof note !== 'object') invalid('The report needs the cover note (handling code, source reliability, information accuracy, authorization).');
  if (!HANDLING.has(note.handling)) invalid(`Handling code "${String(note.handling)}" is not one of H0, H1, H2, H3.`);
  if (!RELIABILITY.has(note.sourceReliability)) invalid(`Source reliability "${String(note.sourceReliability)}" is not one of A, B, C, X.`);
  if (!ACCURACY.has(note.informationAccuracy)) invalid(`Information accuracy "${String(note.informationAccuracy)}" is not one of 1, 2, 3, 4.`);
  if (typeof note.authorization !== 'string' || !note.authorization.trim()) invalid('The cover note needs an authorization.');
  if (typeof options.signerFingerprint !== 'string' || !options.signerFingerprint.trim()) invalid('The report needs the signing key fingerprint.');
  if (typeof options.exportedAt !== 'string' || Number.isNaN(Date.parse(options.exportedAt))) invalid(`Export time "${String(options.exportedAt)}" is not an ISO 8601 time.`);
  for (const f of options.packagedFiles) {
    if (typeof f.bagPath !== 'string' || !f.bagPath || !/^[0-9a-f]{64}$/.test(f.sha256) || !Number.isSafeInteger(f.size) || f.size < 0) {
      invalid(`Packaged file ${JSON.stringify(f.bagPath)} needs a path, a size and a lowercase hexadecimal SHA-256.`);
    }
  }
}

/** Canonical JSON (keys sorted), so equal parameters read equal whatever order a run stored them in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

async function readBlob(reader: CaseReader, sha256: string | null | undefined): Promise<Buffer | null> {
  if (!sha256) return null;
  try {
    const bytes = await reader.blobs.read(sha256);
    return bytes.length ? bytes : null;
  } catch {
    return null;
  }
}

const reportFinding = (f: FindingView, itemId: number, itemName: string, sha256: string, documentId: number | null): ReportFinding => ({
  id: f.id,
  itemId,
  itemName,
  sha256,
  documentId,
  analyserId: f.provenance.analyserId,
  analyserVersion: f.provenance.analyserVersion,
  kind: f.kind,
  severity: f.severity,
  score: f.confidence,
  zone: typeof f.attributes['zone'] === 'string' ? (f.attributes['zone'] as string) : null,
  summary: f.explanation,
});

interface StoredZone {
  id: string;
  kind: string;
  field: string | null;
  box: { x: number; y: number; width: number; height: number };
  state: string;
  indicators: number[];
}
interface StoredIndicator {
  code: string;
  deviation: number;
  summary: string;
}
interface StoredAssessment {
  score: number;
  level: AssessmentLevel;
  reasons: { code: string; zone: string | null; message: string; weight: number; indicator: number }[];
}

async function buildDocument(reader: CaseReader, documentId: number, itemId: number, sha256: string, findings: Map<number, ReportFinding>): Promise<ReportDocument | null> {
  const detail = reader.documents.get(asDocumentId(documentId));
  if (!detail) return null;
  const check = reader.templateChecks.latestOf(asDocumentId(documentId));
  const details = (check?.details ?? {}) as { zones?: StoredZone[]; indicators?: StoredIndicator[]; assessment?: StoredAssessment | null; referenceSize?: { width: number; height: number } | null; template?: { id: string; version: string; sha256: string; title: string; side: string } | null };

  let image = null;
  let imageFrame: ReportDocument['imageFrame'] = null;
  let zones: ReportZone[] = [];
  const aligned = check?.alignedArtifactId != null ? await readBlob(reader, reader.forensics.artifactBlob(check.alignedArtifactId)?.blobSha256) : null;
  if (aligned) {
    image = await documentImage(aligned);
    imageFrame = 'aligned';
    const reference = details.referenceSize ?? { width: image.width, height: image.height };
    const sx = image.width / reference.width;
    const sy = image.height / reference.height;
    const indicators = details.indicators ?? [];
    zones = (details.zones ?? []).map((z) => ({
      id: z.id,
      kind: z.kind,
      field: z.field,
      state: ZONE_STATES.has(z.state as ZoneState) ? (z.state as ZoneState) : 'not-checked',
      box: { x: z.box.x * sx, y: z.box.y * sy, width: z.box.width * sx, height: z.box.height * sy },
      checks: z.indicators.flatMap((i) => (indicators[i] ? [{ code: indicators[i].code, deviation: indicators[i].deviation, summary: indicators[i].summary }] : [])),
    }));
  } else {
    const rectified = await readBlob(reader, reader.documents.rectifiedOf(asDocumentId(documentId))?.sha256);
    if (rectified) {
      try {
        image = await documentImage(rectified);
        imageFrame = 'rectified';
      } catch {
        image = null;
      }
    }
  }

  const all = reader.documents.findingsOfDocument(asDocumentId(documentId));
  for (const f of all) if (!findings.has(f.id)) findings.set(f.id, reportFinding(f, itemId, detail.itemName, sha256, documentId));
  const crossChecks = all
    .filter((f) => f.kind === 'viz.crosscheck')
    .map((f) => {
      const c = f.attributes as unknown as CrossCheckView;
      return { field: String(c.field ?? ''), printed: c.viz ?? null, mrz: c.mrz ?? null, status: c.status, explanation: c.explanation ?? f.explanation, findingId: f.id };
    });
  const findingOf = (indicator: number) => check?.findings.find((f) => f.indicator === indicator)?.id ?? null;
  const assessment = details.assessment
    ? {
        level: details.assessment.level,
        score: details.assessment.score,
        reasons: details.assessment.reasons.map((r): ReportReason => ({ code: r.code, zone: r.zone, message: r.message, weight: r.weight, findingId: findingOf(r.indicator) })),
      }
    : null;
  const mrz = detail.mrz;
  const templateMeta = details.template;
  return {
    id: documentId,
    itemId,
    itemName: detail.itemName,
    exhibitLabel: detail.exhibitLabel,
    sha256,
    sizeClass: detail.sizeClass,
    side: detail.side,
    method: detail.method,
    confidence: detail.confidence,
    documentNumber: detail.documentNumber,
    holder: [detail.surname, detail.givenNames].filter(Boolean).join(', ') || null,
    imageFrame,
    image,
    zones,
    template:
      check && check.templateId
        ? { id: check.templateId, version: check.templateVersion ?? '', sha256: check.templateSha256, title: templateMeta?.title ?? null, side: check.side, recognitionScore: check.recognitionScore, matched: check.matched }
        : null,
    mrz: mrz
      ? {
          format: mrz.format,
          valid: mrz.valid,
          lines: mrz.lines,
          checks: mrz.checks.map((c) => ({ name: c.name, expected: c.expected, found: c.found, valid: c.valid })),
          corrections: mrz.corrections.map((c) => `${c.field}: line ${c.line + 1}, column ${c.column + 1}, ${c.from} → ${c.to} (${c.reason})`),
        }
      : null,
    crossChecks,
    assessment,
    findingIds: all.filter((f) => !SHOWN_AS_FIELDS.has(f.kind)).map((f) => f.id),
  };
}

/** Gather the report's model. Throws `invalid-args` for bad options and `not-found` for an item not in the case. */
export async function buildReportModel(reader: CaseReader, options: ReportOptions): Promise<ReportModel> {
  checkOptions(options);
  const languages = [...(options.languages ?? DEFAULT_LANGUAGES)];
  labelsFor(languages); // unknown language codes fail here, before any work
  const exhibitsById = new Map(reader.exhibits.list().map((e) => [e.id as number, e]));
  const findings = new Map<number, ReportFinding>();
  const items: ReportItem[] = [];
  const documents: ReportDocument[] = [];
  const firstItemOfContent = new Map<string, number>();
  const seenDocuments = new Set<number>();

  for (const id of options.itemIds) {
    const item = reader.items.get(asItemId(id));
    const exhibit = exhibitsById.get(item.exhibitId as number);
    const storage = reader.items.storageOf(asItemId(id));
    const thumbBytes = await readBlob(reader, storage?.thumbSha256);
    const thumbnail = thumbBytes ? await embeddable(thumbBytes).catch(() => null) : null;
    const sha256 = item.sha256;
    const sameContentAs = sha256 ? (firstItemOfContent.get(sha256) ?? null) : null;
    if (sha256 && sameContentAs === null) firstItemOfContent.set(sha256, id);

    let forensicScore: number | null = null;
    let runs: ReportItem['runs'] = [];
    const maps: ReportMap[] = [];
    const findingIds: number[] = [];
    const documentIds: number[] = [];
    if (sha256 && sameContentAs === null) {
      const fx = reader.forensics.ofItem(asItemId(id), FORENSIC_TITLES);
      if (fx) {
        forensicScore = fx.score;
        runs = fx.runs.map((r) => ({ analyserId: r.analyserId, title: r.title, version: r.provenance.analyserVersion, status: r.status, score: r.score, reason: r.reason }));
        for (const m of fx.maps) {
          const png = await readBlob(reader, reader.forensics.artifactBlob(m.artifactId)?.blobSha256);
          if (!png) continue;
          maps.push({ artifactId: m.artifactId, analyserId: m.analyserId, name: m.name, unit: m.unit, higherIsSuspicious: m.higherIsSuspicious, image: await mapImage(png, m.orientation, m.higherIsSuspicious, thumbBytes) });
        }
      }
      for (const f of reader.documents.findingsOfItem(asItemId(id))) {
        if (!findings.has(f.id)) findings.set(f.id, reportFinding(f, id, item.name, sha256, null));
        findingIds.push(f.id);
      }
      for (const documentId of reader.documents.documentIdsOfItem(asItemId(id))) {
        documentIds.push(documentId);
        if (seenDocuments.has(documentId)) continue;
        seenDocuments.add(documentId);
        const doc = await buildDocument(reader, documentId, id, sha256, findings);
        if (doc) documents.push(doc);
      }
    }
    items.push({
      id,
      name: item.name,
      exhibitId: item.exhibitId as number,
      exhibitLabel: exhibit?.label ?? '',
      exhibitPath: item.exhibitPath,
      size: item.size,
      mime: item.mime,
      width: item.width,
      height: item.height,
      sha256,
      sameContentAs,
      thumbnail,
      forensicScore,
      runs,
      maps,
      findingIds,
      documentIds,
    });
  }

  const exhibits: ReportExhibit[] = [...exhibitsById.values()]
    .map((e) => ({ e, itemIds: items.filter((i) => i.exhibitId === (e.id as number)).map((i) => i.id) }))
    .filter((x) => x.itemIds.length > 0)
    .map(({ e, itemIds }) => ({
      id: e.id as number,
      label: e.label,
      description: e.description,
      seizedBy: e.seizedBy,
      seizedAt: e.seizedAt,
      place: e.place,
      device: [e.deviceMake, e.deviceModel].filter(Boolean).join(' ') || null,
      serial: e.deviceSerial,
      imei: e.deviceImei,
      seal: e.sealNumber,
      notes: e.notes,
      itemIds,
    }));

  const { links, families } = linksOf(reader, items, documents);
  const pass = reader.links.latestPass();
  const methods = methodsOf(reader, items, pass);
  const allFindings = [...findings.values()].sort((a, b) => a.itemId - b.itemId || a.id - b.id);
  const info = reader.info;
  const count = <K extends string>(keys: readonly K[], of: (k: K) => number) => Object.fromEntries(keys.map((k) => [k, of(k)])) as Record<K, number>;
  const linksByKind: Record<string, number> = {};
  for (const l of links) linksByKind[l.kind] = (linksByKind[l.kind] ?? 0) + 1;

  return {
    languages,
    software: `CaseLens ${APP_VERSION}`,
    exportedAt: new Date(options.exportedAt).toISOString(),
    signerFingerprint: options.signerFingerprint.trim(),
    case: {
      id: info.id,
      title: info.title,
      reference: info.reference,
      examiner: info.examiner,
      organisation: options.organisation?.trim() || null,
      createdAt: info.createdAt,
      demo: options.demo ?? (/^demo\b/i.test(info.reference ?? '') || /^demo\b/i.test(info.title)),
    },
    coverNote: { ...options.coverNote, authorization: options.coverNote.authorization.trim(), requestedAction: options.coverNote.requestedAction?.trim() || null },
    summary: {
      items: items.length,
      exhibits: exhibits.length,
      documents: documents.length,
      documentsByLevel: { ...count(LEVELS, (l) => documents.filter((d) => d.assessment?.level === l).length), none: documents.filter((d) => !d.assessment).length },
      findings: allFindings.length,
      findingsBySeverity: count(SEVERITIES, (s) => allFindings.filter((f) => f.severity === s).length),
      links: links.length,
      linksByKind,
      families: families.length,
      files: options.packagedFiles.length,
    },
    exhibits,
    documents,
    items,
    findings: allFindings,
    links,
    linkPass: pass ? { id: pass.id, linkerVersion: pass.linkerVersion, finishedAt: pass.finishedAt } : null,
    families,
    methods,
    packagedFiles: [...options.packagedFiles].sort((a, b) => (a.bagPath < b.bagPath ? -1 : a.bagPath > b.bagPath ? 1 : 0)),
  };
}

/** Links with an end among the selected items or their documents, both ends labelled; families with a member among the documents. */
function linksOf(reader: CaseReader, items: readonly ReportItem[], documents: readonly ReportDocument[]): { links: ReportLink[]; families: ReportFamily[] } {
  const refs = [...items.map((i) => `item:${i.id}`), ...documents.map((d) => `document:${d.id}`)];
  const byId = new Map<number, ReturnType<CaseReader['links']['touching']>[number]>();
  for (let i = 0; i < refs.length; i += REF_CHUNK) for (const l of reader.links.touching(refs.slice(i, i + REF_CHUNK))) byId.set(l.id, l);
  const labels = new Map<string, string>();
  for (const i of items) labels.set(`item:${i.id}`, `${i.exhibitLabel} · ${i.exhibitPath}`);
  for (const d of documents) labels.set(`document:${d.id}`, `#${d.id} ${d.documentNumber ?? ''} (${d.itemName})`.replace(/\s+/g, ' '));
  const labelOf = (ref: string): string => {
    const known = labels.get(ref);
    if (known) return known;
    const [type, rawId] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
    let label = ref;
    try {
      if (type === 'item') {
        const it = reader.items.get(asItemId(Number(rawId)));
        label = `${exhibitLabelOf(reader, it.exhibitId as number)} · ${it.exhibitPath}`;
      } else if (type === 'document') {
        const d = reader.documents.get(asDocumentId(Number(rawId)));
        if (d) label = `#${d.id} ${d.documentNumber ?? ''} (${d.itemName})`.replace(/\s+/g, ' ');
      } else {
        label = reader.links.entity(ref)?.label ?? ref;
      }
    } catch {
      label = ref;
    }
    labels.set(ref, label);
    return label;
  };
  const links = [...byId.values()]
    .sort((a, b) => a.kind.localeCompare(b.kind) || b.strength - a.strength || a.id - b.id)
    .map((l) => ({ id: l.id, kind: l.kind, from: l.from, to: l.to, fromLabel: labelOf(l.from), toLabel: labelOf(l.to), strength: l.strength, summary: l.summary }));
  const families = new Map<string, ReportFamily>();
  for (const d of documents) {
    for (const e of reader.links.entitiesWithMember(`document:${d.id}`)) {
      if (e.type !== 'family' || families.has(e.ref)) continue;
      families.set(e.ref, { ref: e.ref, label: e.label, members: e.members.map(labelOf) });
    }
  }
  return { links, families: [...families.values()] };
}

function exhibitLabelOf(reader: CaseReader, exhibitId: number): string {
  return reader.exhibits.list().find((e) => (e.id as number) === exhibitId)?.label ?? '';
}

/** Every analyser that ran on the selected contents, by version and parameters (without per-item `metrics`), and the linker. */
function methodsOf(reader: CaseReader, items: readonly ReportItem[], pass: ReturnType<CaseReader['links']['latestPass']>): ReportMethod[] {
  const runs = newestRunsOn(reader.db, items.flatMap((i) => (i.sha256 && i.sameContentAs === null ? [i.sha256] : [])));
  const methods = new Map<string, { analyserId: string; version: string; parameters: string; runs: number }>();
  for (const r of runs) {
    const { metrics: _metrics, ...parameters } = r.parameters as Record<string, unknown>;
    const json = canonicalJson(parameters);
    const key = `${r.analyserId}\u0000${r.analyserVersion}\u0000${json}`;
    const known = methods.get(key);
    if (known) known.runs++;
    else methods.set(key, { analyserId: r.analyserId, version: r.analyserVersion, parameters: json, runs: 1 });
  }
  const out = [...methods.values()].sort((a, b) => a.analyserId.localeCompare(b.analyserId) || a.version.localeCompare(b.version));
  if (pass) out.push({ analyserId: 'links (linking pass)', version: pass.linkerVersion, parameters: canonicalJson(pass.parameters), runs: 1 });
  return out;
}
