/**
 * The evidence package (docs/EXPORT.md): a signed BagIt bag of a case or a selection of it, made of bit-exact
 * evidence copies, derived images, the report, and the tag files that describe them (CASE graph, custody log,
 * cover note, entities, cited templates). Reads the case only; the one write to the case is the audit entry
 * recording the export, after the bag is complete.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asItemId, EngineError, HANDLING_CODES, INFORMATION_ACCURACIES, SOURCE_RELIABILITIES, type ExportRequest, type ExportView } from '../../contract';
import type { UnitKey } from '../../signing/unit-key';
import type { CaseStore } from '../../store/case-store';
import { citedTemplates, derivedOf, exportItems, type ExportItemRow } from '../../store/export.query';
import { APP_VERSION } from '../../version';
import { writeBag, type BagProgress, type PayloadEntry, type TagEntry } from '../bagit';
import { startCaseGraph, type PackagedFile } from '../case-graph';
import { buildReportModel, renderFindingsCsv, renderReportHtml, renderReportPdfOffThread } from '../report';
import { BagPaths, extensionOf, portablePath, portableSegment } from './bag-paths';
import { custodyLogJsonl } from './custody-log';
import { buildEntities } from './entities';
import { resolveScope } from './scope';
import { sha256Hex } from './hash';

/** A template folder's files, for `metadata/templates/`. */
export interface TemplateFiles {
  readonly files: readonly { readonly name: string; readonly bytes: Buffer }[];
}

/** What the export needs besides the case. */
export interface PackageDeps {
  readonly key: UnitKey;
  /** Who signs (the examiner), and on which workstation. */
  readonly signer: string;
  readonly workstation?: string;
  /** The files of a cited template version, or null when the library no longer holds it (noted in the cover note). */
  readonly templateFiles: (id: string, version: string, sha256: string) => Promise<TemplateFiles | null>;
  readonly onProgress?: (progress: { readonly phase: 'preparing' | 'report' | 'copying'; readonly done: number; readonly total: number; readonly path?: string }) => void;
  readonly signal?: AbortSignal;
  /** The export time (default now). */
  readonly now?: Date;
}

/** A value made later, with the functions that settle it (a settled one ignores further calls). */
function settleLater<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const json = (value: unknown) => ({ bytes: Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8') });
const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

function checkRequest(request: ExportRequest): void {
  const note = request.coverNote;
  if (!note) throw new EngineError('invalid-args', 'An export needs a cover note (handling code, source reliability, information accuracy, authorization).');
  if (!HANDLING_CODES.includes(note.handling)) throw new EngineError('invalid-args', `Handling code "${String(note.handling)}" is not one of ${HANDLING_CODES.join(', ')}.`);
  if (!SOURCE_RELIABILITIES.includes(note.sourceReliability)) throw new EngineError('invalid-args', `Source reliability "${String(note.sourceReliability)}" is not one of ${SOURCE_RELIABILITIES.join(', ')}.`);
  if (!INFORMATION_ACCURACIES.includes(note.informationAccuracy)) throw new EngineError('invalid-args', `Information accuracy "${String(note.informationAccuracy)}" is not one of ${INFORMATION_ACCURACIES.join(', ')}.`);
  if (!note.authorization?.trim()) throw new EngineError('invalid-args', 'The cover note needs an authorization (who released the package, on what basis).');
  if (!path.isAbsolute(request.outDir)) throw new EngineError('invalid-args', `The output folder must be an absolute path: ${request.outDir}`);
}

/** Evidence copies: where each item's bytes come from and go to. */
function evidenceEntries(store: CaseStore, items: readonly ExportItemRow[], paths: BagPaths): { payload: PayloadEntry[]; files: PackagedFile[]; evidencePath: Map<number, string> } {
  const payload: PayloadEntry[] = [];
  const files: PackagedFile[] = [];
  const evidencePath = new Map<number, string>();
  for (const item of items) {
    if (!item.sha256) continue; // unreadable at import: nothing to copy; the CASE graph and report still list it
    const bagPath = paths.claim(`data/evidence/${portableSegment(item.exhibitLabel)}/${portablePath(item.exhibitPath)}`, `item${item.id}`);
    const storage = store.items.storageOf(asItemId(item.id));
    if (!storage) continue;
    if (storage.storage === 'referenced' && item.originalPath.includes('!/')) {
      throw new EngineError('refused', `${item.exhibitPath} is referenced inside an archive (${item.originalPath}); re-import it with copying to export it.`);
    }
    const source = storage.storage === 'copied' ? store.blobs.pathOf(item.sha256) : item.originalPath;
    payload.push({ path: bagPath, source: { file: source }, expectedSha256: item.sha256 });
    files.push({ bagPath, sha256: item.sha256, size: item.size, role: 'evidence', itemId: item.id, ...(item.mime ? { mediaType: item.mime } : {}), description: `bit-exact copy of ${item.exhibitPath} (${item.exhibitLabel})` });
    evidencePath.set(item.id, bagPath);
  }
  return { payload, files, evidencePath };
}

/** Rectified documents and stored maps and images, next to the evidence they come from. */
async function derivedEntries(store: CaseStore, items: readonly ExportItemRow[], paths: BagPaths): Promise<{ payload: PayloadEntry[]; files: PackagedFile[] }> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const payload: PayloadEntry[] = [];
  const files: PackagedFile[] = [];
  for (const d of derivedOf(store.db, items.map((i) => i.id))) {
    const item = byId.get(d.itemId);
    if (!item) continue;
    const base = `data/derived/${portableSegment(item.exhibitLabel)}/${portablePath(item.exhibitPath)}`;
    const what = d.artifactId === null ? `document-${d.documentId}.rectified` : `${d.analyser ?? 'analyser'}.${d.name}`;
    const bagPath = paths.claim(`${base}.${portableSegment(what)}${extensionOf(d.mediaType)}`, d.artifactId === null ? `d${d.documentId}` : `a${d.artifactId}`);
    const file = store.blobs.pathOf(d.blobSha256);
    const size = (await fs.stat(file)).size;
    payload.push({ path: bagPath, source: { file }, expectedSha256: d.blobSha256 });
    files.push({
      bagPath,
      sha256: d.blobSha256,
      size,
      role: 'derived',
      itemId: d.itemId,
      ...(d.documentId !== null ? { documentId: d.documentId } : {}),
      ...(d.artifactId !== null ? { artifactId: d.artifactId } : {}),
      mediaType: d.mediaType,
      description: d.artifactId === null ? `document ${d.documentId} found in ${item.exhibitPath}, straightened` : `${d.name} of ${d.analyser ?? 'an analyser'} on ${item.exhibitPath}`,
    });
  }
  return { payload, files };
}

/** The exact template versions the findings cite, as tag files under metadata/templates/. */
async function templateEntries(store: CaseStore, itemIds: readonly number[], deps: PackageDeps): Promise<{ tags: TagEntry[]; files: PackagedFile[]; missing: string[] }> {
  const tags: TagEntry[] = [];
  const files: PackagedFile[] = [];
  const missing: string[] = [];
  for (const t of citedTemplates(store.db, itemIds)) {
    const found = await deps.templateFiles(t.id, t.version, t.sha256);
    if (!found) {
      missing.push(`${t.id}@${t.version} (template.json SHA-256 ${t.sha256}) is cited but no longer in this workstation's library`);
      continue;
    }
    const folder = `metadata/templates/${portableSegment(`${t.id}@${t.version}`)}`;
    for (const f of found.files) {
      const bagPath = `${folder}/${portablePath(f.name)}`;
      tags.push({ path: bagPath, source: { bytes: f.bytes } });
      files.push({ bagPath, sha256: sha256Hex(f.bytes), size: f.bytes.length, role: 'template', description: `file ${f.name} of template ${t.id} version ${t.version}` });
    }
  }
  return { tags, files, missing };
}

/**
 * Export an evidence package of `store`.
 * @param store the case (read; one audit entry is appended when the package is complete)
 * @param request scope, cover note, languages, output folder, zip or folder
 * @param deps the signing key, the signer, the cited templates, progress
 */
export async function exportPackage(store: CaseStore, request: ExportRequest, deps: PackageDeps): Promise<ExportView> {
  const t0 = performance.now();
  checkRequest(request);
  const now = deps.now ?? new Date();
  const exportedAt = now.toISOString();
  const itemIds = resolveScope(store.db, request.scope ?? {});
  if (!itemIds.length) throw new EngineError('invalid-args', 'The selection holds no items: nothing to export.');
  const items = exportItems(store.db, itemIds);
  deps.onProgress?.({ phase: 'preparing', done: 0, total: items.length });

  const paths = new BagPaths();
  const evidence = evidenceEntries(store, items, paths);
  const derived = await derivedEntries(store, items, paths);
  const templates = await templateEntries(store, itemIds, deps);
  const examined = [...evidence.files, ...derived.files];

  const coverNote = { ...request.coverNote, requestedAction: request.coverNote.requestedAction ?? null };
  const cover = {
    format: 'caselens-cover-note/1',
    caseReference: store.info.reference,
    caseTitle: store.info.title,
    handlingCode: coverNote.handling,
    sourceReliability: coverNote.sourceReliability,
    informationAccuracy: coverNote.informationAccuracy,
    authorization: coverNote.authorization,
    requestedAction: coverNote.requestedAction,
    organisation: request.organisation ?? null,
    examiner: store.info.examiner,
    exportedAt,
    scope: { items: itemIds.length, selection: request.scope ?? {} },
    signingKeyFingerprint: deps.key.fingerprint,
    notes: templates.missing,
  };
  // The evidence copy starts first, on the copy workers (bagit/copy-pool.ts); the report, the CASE graph and the
  // entities are made on this thread (the PDF on a worker of its own) while it runs, and written when made.
  const made = {
    html: settleLater<Uint8Array>(),
    csv: settleLater<Uint8Array>(),
    pdf: settleLater<Uint8Array>(),
    graph: settleLater<Uint8Array>(),
    entities: settleLater<Uint8Array>(),
  };
  const tags: TagEntry[] = [
    { path: 'metadata/custody-log.jsonl', source: { bytes: custodyLogJsonl(store.db) } },
    { path: 'metadata/cover-note.json', source: json(cover) },
    ...templates.tags,
    { path: 'metadata/entities.json', source: { later: made.entities.promise } },
    { path: 'metadata/case.jsonld', source: { later: made.graph.promise } },
  ];
  // Files still being made come last, so the copy never waits for them.
  const payload: PayloadEntry[] = [
    ...evidence.payload,
    ...derived.payload,
    { path: 'data/report/report.html', source: { later: made.html.promise } },
    { path: 'data/report/findings.csv', source: { later: made.csv.promise } },
    { path: 'data/report/report.pdf', source: { later: made.pdf.promise } },
  ];

  const name = `EXP_${portableSegment((store.info.reference ?? store.info.title).replace(/[/\\\s]+/g, '-'))}_${utcStamp(now)}`;
  await fs.mkdir(request.outDir, { recursive: true });
  const target = request.zip ? { container: 'zip' as const, path: path.join(request.outDir, `${name}.zip`) } : { container: 'folder' as const, path: path.join(request.outDir, name) };
  deps.onProgress?.({ phase: 'report', done: 0, total: 3 });
  const copying = settleLater<'copying'>();
  const onProgress = (p: BagProgress) => deps.onProgress?.({ phase: 'copying', done: p.bytesDone, total: p.bytesTotal, path: p.path });
  const stopPdf = new AbortController();
  const abortPdf = () => stopPdf.abort(deps.signal?.reason);
  deps.signal?.addEventListener('abort', abortPdf, { once: true });
  const writing = writeBag(
    {
      payload,
      tags,
      sourceOrganization: request.organisation?.trim() || store.info.examiner || 'CaseLens workstation',
      externalIdentifier: store.info.reference ?? store.info.id,
      info: [
        { label: 'Handling-Code', value: coverNote.handling },
        { label: 'Source-Reliability', value: coverNote.sourceReliability },
        { label: 'Information-Accuracy', value: String(coverNote.informationAccuracy) },
        { label: 'Authorization', value: coverNote.authorization },
        ...(coverNote.requestedAction ? [{ label: 'Requested-Action', value: coverNote.requestedAction }] : []),
        { label: 'Internal-Sender-Identifier', value: store.info.id },
        { label: 'Internal-Sender-Description', value: `${store.info.title}; examiner ${store.info.examiner ?? 'not named'}; ${itemIds.length} items` },
      ],
    },
    target,
    {
      signer: { key: deps.key, signer: deps.signer, workstation: deps.workstation ?? os.hostname() },
      onProgress,
      onCopying: () => copying.resolve('copying'),
      ...(deps.signal ? { signal: deps.signal } : {}),
      now,
    },
  );
  const ended = writing.then(
    () => 'ended' as const,
    () => 'ended' as const,
  );
  // Once the copy workers have their first files, this thread makes the rest (nothing, if the bag failed first).
  const making = Promise.race([copying.promise, ended]).then(async (state) => {
    try {
      if (state === 'ended') throw new Error('the package failed before its report was made');
      const model = await buildReportModel(store, {
        itemIds,
        coverNote,
        ...(request.languages ? { languages: request.languages } : {}),
        packagedFiles: examined.map((f) => ({ bagPath: f.bagPath, size: f.size, sha256: f.sha256 })),
        signerFingerprint: deps.key.fingerprint,
        exportedAt,
        organisation: request.organisation ?? null,
      });
      // The PDF renders on a worker thread of its own (report/pdf-thread.ts).
      const pdf = renderReportPdfOffThread(model, stopPdf.signal);
      pdf.then(made.pdf.resolve, made.pdf.reject);
      const html = Buffer.from(renderReportHtml(model), 'utf8');
      made.html.resolve(html);
      const csv = Buffer.from(renderFindingsCsv(model), 'utf8');
      made.csv.resolve(csv);
      made.entities.resolve(json(buildEntities(store, items, { evidencePath: evidence.evidencePath })).bytes);
      const reportFile = (bagPath: string, bytes: Uint8Array, mediaType: string, description: string): PackagedFile => ({ bagPath, sha256: sha256Hex(bytes), size: bytes.length, role: 'report', mediaType, description });
      // The CASE graph is built while the PDF renders; only the PDF's own file node waits for its hash.
      const graph = startCaseGraph(store, {
        itemIds,
        files: [
          ...examined,
          reportFile('data/report/report.html', html, 'text/html', 'examination report (HTML)'),
          reportFile('data/report/findings.csv', csv, 'text/csv', 'every finding, one row each'),
          ...templates.files,
        ],
        tool: { name: 'CaseLens', version: APP_VERSION },
        examiner: store.info.examiner,
        exportedAt,
      });
      const pdfBytes = await pdf;
      made.graph.resolve(json(graph.finish([reportFile('data/report/report.pdf', pdfBytes, 'application/pdf', 'examination report (PDF)')])).bytes);
    } catch (e) {
      // The bag fails with this reason where it waits for a file not made.
      for (const file of Object.values(made)) file.reject(e);
    }
  });
  const written = await writing.finally(async () => {
    stopPdf.abort();
    deps.signal?.removeEventListener('abort', abortPdf);
    await making;
  });
  const documents = new Set(derived.files.filter((f) => f.documentId !== undefined && f.artifactId === undefined).map((f) => f.documentId));
  store.audit.append(deps.signer, 'package.exported', {
    path: written.path,
    container: written.container,
    items: itemIds.length,
    payloadOxum: written.payloadOxum,
    tagManifestSha256: written.tagManifestSha256,
    fingerprint: written.fingerprint,
    coverNote: { handling: coverNote.handling, sourceReliability: coverNote.sourceReliability, informationAccuracy: coverNote.informationAccuracy },
  });
  const [bytes, count] = written.payloadOxum.split('.').map(Number) as [number, number];
  return {
    path: written.path,
    container: written.container,
    items: itemIds.length,
    documents: documents.size,
    payloadFiles: count,
    payloadBytes: bytes,
    fingerprint: written.fingerprint ?? deps.key.fingerprint,
    tagManifestSha256: written.tagManifestSha256,
    ms: Math.round(performance.now() - t0),
  };
}
