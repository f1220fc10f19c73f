import os from 'node:os';
import path from 'node:path';
import { asCaseId, asDocumentId, asExhibitId, asItemId, EngineError, type AppInfo, type EngineHandlers, type EngineTransport, type Exhibit } from '../contract';
import { serveTransport } from '../rpc/serve';
import { APP_VERSION } from '../version';
import { resolveAsset as resolveItemAsset, type AssetVariant, type ResolvedAsset } from './assets';
import { CaseRegistry } from './case-registry';
import { EventBus } from './event-bus';
import { listFolder } from './fs-browser';
import { JobManager } from './jobs';
import { FORENSIC_TITLES } from '../analysers/forensics';
import { createAnalyserSet, type AnalyserSet } from '../analysers/registry';
import { TemplateService } from '../templates/service';
import { templateHandlers } from './template-handlers';
import { linkHandlers } from './link-handlers';
import { exportHandlers } from './export-handlers';
import { mergeHandlers } from './merge-handlers';
import { runLinkPass } from '../links/link-pass';
import { measureCaseLinks } from '../links/measure';

export interface EngineOptions {
  readonly dataDir: string;
  readonly host: AppInfo['host'];
  /** Name recorded as the actor in audit entries when a case has no examiner. */
  readonly actor?: string;
  /** The unit key passphrase the host keeps for the examiner (Electron: in safeStorage); none by default. */
  readonly storedPassphrase?: () => Promise<string | null>;
  /** Called with a passphrase a call gave once it has opened the unit key, for the host to keep (Electron). */
  readonly keepPassphrase?: (passphrase: string) => void;
}

export interface Engine {
  readonly handlers: EngineHandlers;
  readonly events: EventBus;
  readonly jobs: JobManager;
  /** File behind an asset URL, or null. Ids only: a caller can never name a path. */
  resolveAsset(caseId: string, itemId: number, variant: AssetVariant): Promise<ResolvedAsset | null>;
  close(): Promise<void>;
}

/** What the audit log keeps of a new exhibit: its id and the collection record as stored (blank fields left out). */
export function collectionRecord(exhibit: Exhibit): Record<string, unknown> {
  const { itemCount: _count, createdAt: _created, id, ...record } = exhibit;
  return { exhibitId: id, ...Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null)) };
}

/** The headless engine: one object serving the contract for any host (Electron, browser mode, CLI, tests). */
export function createEngine(options: EngineOptions): Engine {
  const dataDir = path.resolve(options.dataDir);
  const cases = new CaseRegistry(dataDir);
  const events = new EventBus();
  const jobs = new JobManager(events);
  const actorOf = (examiner: string | null) => examiner ?? options.actor ?? 'examiner';
  const storedPassphrase = options.storedPassphrase ?? (() => Promise.resolve(null));
  // Analysers hold OCR workers: made on first use, closed with the engine.
  let analysers: AnalyserSet | null = null;
  const templates = new TemplateService(dataDir);
  const analyserSet = () => (analysers ??= createAnalyserSet({ templates }));

  const handlers: EngineHandlers = {
    'app.info': () => ({ version: APP_VERSION, host: options.host, dataDir, homeDir: os.homedir() }),
    'cases.list': () => cases.list(),
    'cases.create': async (args) => (await cases.create(args)).summary(),
    'cases.get': async ({ caseId }) => (await cases.get(caseId)).summary(),
    'exhibits.list': async ({ caseId }) => (await cases.get(caseId)).exhibits.list(),
    'exhibits.create': async ({ caseId, record }) => {
      const store = await cases.get(caseId);
      return store.transaction(() => {
        const exhibit = store.exhibits.create(record);
        store.audit.append(actorOf(store.info.examiner), 'exhibit.created', collectionRecord(exhibit));
        return exhibit;
      });
    },
    'evidence.import': async ({ caseId, exhibitId, paths, referenceInPlace }) => {
      const store = await cases.get(caseId);
      store.exhibits.get(asExhibitId(exhibitId));
      const relative = paths.find((p) => !path.isAbsolute(p));
      if (relative) throw new EngineError('invalid-args', `Import paths must be absolute: ${relative}`);
      return { jobId: jobs.startImport(caseId, store, { exhibitId: asExhibitId(exhibitId), paths, referenceInPlace: referenceInPlace ?? false }) };
    },
    'jobs.list': ({ caseId }) => jobs.list(caseId),
    'jobs.get': ({ jobId }) => jobs.get(jobId),
    'jobs.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'items.query': async ({ caseId, filter, sort, offset, limit }) =>
      (await cases.get(caseId)).items.query(filter ?? {}, sort ?? { key: 'id', direction: 'asc' }, offset, limit),
    'items.get': async ({ caseId, itemId }) => (await cases.get(caseId)).items.get(asItemId(itemId)),
    'items.text': async ({ caseId, itemId }) => (await cases.get(caseId)).documents.textOfItem(asItemId(itemId)),
    'items.findings': async ({ caseId, itemId }) => (await cases.get(caseId)).documents.findingsOfItem(asItemId(itemId)),
    'items.forensics': async ({ caseId, itemId }) => {
      const forensics = (await cases.get(caseId)).forensics.ofItem(asItemId(itemId), FORENSIC_TITLES);
      if (!forensics) throw new EngineError('not-found', `No item ${itemId} in this case.`);
      return forensics;
    },
    'analysis.start': async ({ caseId }) => {
      const store = await cases.get(caseId);
      const actor = actorOf(store.info.examiner);
      return { jobId: jobs.startAnalysis(caseId, store, { analysers: analyserSet().analysers, actor, link: (s) => runLinkPass(s, { measure: measureCaseLinks, actor }) }) };
    },
    'documents.list': async ({ caseId, filter }) => (await cases.get(caseId)).documents.list(filter ?? {}),
    'documents.get': async ({ caseId, documentId }) => {
      const doc = (await cases.get(caseId)).documents.get(asDocumentId(documentId));
      if (!doc) throw new EngineError('not-found', `No document ${documentId} in this case.`);
      return doc;
    },
    ...linkHandlers(cases, actorOf),
    ...exportHandlers(cases, jobs, templates, actorOf, storedPassphrase, options.keepPassphrase),
    ...mergeHandlers(cases, actorOf),
    ...templateHandlers(
      cases,
      templates,
      () => {
        const ocr = analyserSet().ocr;
        if (!ocr) throw new EngineError('internal', 'the engine runs without OCR');
        return ocr;
      },
      async () => (await storedPassphrase()) !== null,
    ),
    'search.query': async ({ caseId, text, limit }) => (await cases.get(caseId)).documents.search(text, limit ?? 100),
    'tags.list': async ({ caseId }) => (await cases.get(caseId)).annotations.allTags(),
    'tags.add': async ({ caseId, itemId, tag }) => {
      const store = await cases.get(caseId);
      return store.transaction(() => {
        if (store.annotations.addTag(itemId, tag)) store.audit.append(actorOf(store.info.examiner), 'tag.added', { itemId, tag: tag.trim() });
        return store.annotations.tagsOf(itemId);
      });
    },
    'tags.remove': async ({ caseId, itemId, tag }) => {
      const store = await cases.get(caseId);
      return store.transaction(() => {
        if (store.annotations.removeTag(itemId, tag)) store.audit.append(actorOf(store.info.examiner), 'tag.removed', { itemId, tag: tag.trim() });
        return store.annotations.tagsOf(itemId);
      });
    },
    'notes.add': async ({ caseId, itemId, text }) => {
      const store = await cases.get(caseId);
      return store.transaction(() => {
        const note = store.annotations.addNote(itemId, text, store.info.examiner);
        store.audit.append(actorOf(store.info.examiner), 'note.added', { itemId, noteId: note.id, text: note.text });
        return note;
      });
    },
    'audit.list': async ({ caseId, offset, limit }) => (await cases.get(caseId)).audit.page(offset, limit),
    'fs.list': ({ path: folder }) => listFolder(folder),
  };

  return {
    handlers,
    events,
    jobs,
    async resolveAsset(caseId, itemId, variant) {
      const store = await cases.get(asCaseId(caseId)).catch(() => null);
      return store ? resolveItemAsset(store, asItemId(itemId), variant) : null;
    },
    async close() {
      await jobs.drain();
      await analysers?.close();
      cases.closeAll();
    },
  };
}

/** Serve the contract over a transport (validation, dispatch, events). Returns the detach function. */
export function serveEngine(engine: Engine, transport: EngineTransport): () => void {
  return serveTransport(engine.handlers, engine.events, transport);
}
