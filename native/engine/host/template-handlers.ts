/**
 * The contract methods about templates: the library, pack import and export, the unit key that signs packs,
 * trusted signers, authoring (specimen, trial, save), and the stored comparison of a case document with its template.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { asCaseId, asDocumentId, asItemId, EngineError, type EngineHandlers, type TemplateComparisonView } from '../contract';
import type { OcrService } from '../analysers/ocr';
import { decodeRgb, encodePng } from '../imaging/decode';
import { readOriginal } from '../store/originals';
import { prepareSide } from '../templates/align';
import { findMainDocument, makeSpecimen, saveDraftTemplate, withDraftTemplate, type FoundQuestioned } from '../templates/authoring';
import { checkAgainstTemplates } from '../templates/check/check-document';
import { checkView, missingTemplateSummary } from '../templates/check/check-view';
import { checkDetails } from '../templates/check/outcome';
import { prepareReference } from '../templates/compare';
import { exportLibraryPack, unitKeyView } from '../templates/pack-export';
import type { TemplateService } from '../templates/service';
import type { CaseRegistry } from './case-registry';

type TemplateMethods =
  | 'documents.comparison'
  | 'templates.list'
  | 'templates.get'
  | 'templates.importPack'
  | 'templates.exportPack'
  | 'keys.unit'
  | 'templates.trustSigner'
  | 'templates.specimen'
  | 'templates.try'
  | 'templates.save';

const today = () => new Date().toISOString().slice(0, 10);

async function readFileArg(file: string): Promise<Buffer> {
  if (!path.isAbsolute(file)) throw new EngineError('invalid-args', `paths must be absolute: ${file}`);
  try {
    return await fs.readFile(file);
  } catch {
    throw new EngineError('not-found', `${file} cannot be read`);
  }
}

/** The template handlers, for `createEngine`. `ocr` is made on first use (zone OCR of trials). */
/** @param passphraseKept whether the host keeps the unit key passphrase (shown by `keys.unit`) */
export function templateHandlers(cases: CaseRegistry, service: TemplateService, ocr: () => OcrService, passphraseKept: () => Promise<boolean> = () => Promise.resolve(false)): Pick<EngineHandlers, TemplateMethods> {
  /** The stored comparison of a document, with the template as the library knows it now. */
  const comparison = async (caseId: string, documentId: number): Promise<TemplateComparisonView | null> => {
    const store = await cases.get(asCaseId(caseId));
    if (!store.documents.rectifiedOf(asDocumentId(documentId))) throw new EngineError('not-found', `No document ${documentId} in this case.`);
    const stored = store.templateChecks.latestOf(asDocumentId(documentId));
    if (!stored) return null;
    let summary = null;
    if (stored.templateId && stored.templateVersion) {
      const entry = (await service.load()).templates.find((t) => t.template.id === stored.templateId && t.template.version === stored.templateVersion && t.sha256 === stored.templateSha256);
      if (entry) summary = await service.summaryOf(entry);
      else {
        const atRun = (stored.provenance.resources.templates as { id: string; version: string; trust: string }[] | undefined)?.find((t) => t.id === stored.templateId && t.version === stored.templateVersion);
        const t = stored.details.template as { id: string; version: string; sha256: string; title: string; side: string };
        summary = missingTemplateSummary(t, atRun?.trust ?? null);
      }
    }
    const findingOf = (indicator: number) => stored.findings.find((f) => f.indicator === indicator)?.id ?? null;
    return {
      ...checkView(stored.details, summary, findingOf),
      documentId: asDocumentId(stored.documentId),
      itemId: asItemId(stored.itemId ?? 0),
      alignedArtifactId: stored.alignedArtifactId,
      provenance: stored.provenance,
    };
  };

  /** The questioned document of a trial: the main document of a file, or a stored document of a case. */
  const questioned = async (args: { path?: string; caseId?: string; documentId?: number }): Promise<FoundQuestioned> => {
    if (args.path) return findMainDocument(await readFileArg(args.path), today());
    const store = await cases.get(asCaseId(args.caseId!));
    const rectified = store.documents.rectifiedOf(asDocumentId(args.documentId!));
    const detail = store.documents.get(asDocumentId(args.documentId!));
    if (!rectified || !detail) throw new EngineError('not-found', `No document ${args.documentId} in this case.`);
    return { rectified: await decodeRgb(await store.blobs.read(rectified.sha256)), mrz: detail.mrz, sizeClass: detail.sizeClass, method: detail.method };
  };

  return {
    'documents.comparison': ({ caseId, documentId }) => comparison(caseId, documentId),
    'templates.list': () => service.list(),
    'templates.get': ({ id, version }) => service.detail(id, version),
    'templates.importPack': ({ path: source }) => {
      if (!path.isAbsolute(source)) throw new EngineError('invalid-args', `paths must be absolute: ${source}`);
      return service.importPack(source);
    },
    'templates.exportPack': (args) => exportLibraryPack(service, args),
    'keys.unit': async () => ({ ...(await unitKeyView(service.dataDir)), passphraseKept: await passphraseKept() }),
    'templates.trustSigner': async ({ fingerprint, trusted }) => {
      const list = await service.trustSigner(fingerprint, trusted);
      service.invalidate();
      return list;
    },
    'templates.specimen': async (args) => {
      if (args.path) return makeSpecimen(service.dataDir, await readFileArg(args.path), today());
      const store = await cases.get(asCaseId(args.caseId!));
      const storage = store.items.storageOf(asItemId(args.itemId!));
      if (!storage) throw new EngineError('not-found', `No item ${args.itemId} in this case.`);
      return makeSpecimen(service.dataDir, await readOriginal(store, storage, { verify: true }), today());
    },
    'templates.try': async ({ draft, ...target }) => {
      const doc = await questioned(target);
      return withDraftTemplate(service.dataDir, draft, async (template) => {
        const candidates = [];
        for (const side of template.template.sides) {
          const prepared = await prepareSide(template, side.name);
          candidates.push({ template, side: prepared, reference: prepareReference(prepared.reference, prepared.zones, prepared.width / template.template.size.widthMm) });
        }
        const result = await checkAgainstTemplates({ rectified: doc.rectified, mrz: doc.mrz, outlineFound: doc.method !== 'as-is' }, candidates, { today: today(), ocr: ocr() });
        const t = template.template;
        const summary = result.matched
          ? { id: t.id, version: t.version, title: t.title, issuingState: t.issuingState, category: t.category, source: 'user' as const, trust: { status: 'folder' as const, signer: null, trustedSigner: false, pack: null, problems: [], warning: 'Unsaved draft template.' }, sha256: template.sha256, sides: t.sides.map((s) => ({ name: s.name, zones: s.zones.length })) }
          : null;
        return { ...checkView(checkDetails(result), summary), alignedDataUrl: result.matched ? `data:image/png;base64,${(await encodePng(result.matched.alignment.aligned)).toString('base64')}` : null };
      });
    },
    'templates.save': async ({ draft }) => {
      const saved = await saveDraftTemplate(service.dataDir, service.userRoot, draft, async (id, version) => (await service.load()).templates.some((t) => t.template.id === id && t.template.version === version));
      service.invalidate();
      const entry = (await service.load()).templates.find((t) => t.dir === saved.dir);
      if (!entry) throw new EngineError('internal', `template saved in ${saved.dir} but not found in the library`);
      return service.summaryOf(entry);
    },
  };
}
