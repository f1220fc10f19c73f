/** Engine methods of evidence packages: export as a job, verify (docs/EXPORT.md). */
import os from 'node:os';
import path from 'node:path';
import { asCaseId, EngineError, type EngineHandlers } from '../contract';
import { exportPackage, libraryTemplateFiles, verifyPackage } from '../export/package';
import { DEFAULT_LANGUAGES, LANGUAGE_NAMES, LANGUAGE_TABLES } from '../export/report/i18n/labels';
import { openUnitKey } from '../signing/unit-key';
import type { TemplateService } from '../templates/service';
import type { CaseRegistry } from './case-registry';
import type { JobManager } from './jobs';

type ExportMethods = 'export.start' | 'export.verify' | 'export.languages';

/**
 * @param storedPassphrase the unit key passphrase the host keeps (Electron: safeStorage), used when a call gives none
 * @param keepPassphrase given a call's passphrase once it has opened the key, for the host to keep
 */
export function exportHandlers(
  cases: CaseRegistry,
  jobs: JobManager,
  templates: TemplateService,
  actorOf: (examiner: string | null) => string,
  storedPassphrase: () => Promise<string | null>,
  keepPassphrase?: (passphrase: string) => void,
): Pick<EngineHandlers, ExportMethods> {
  return {
    'export.start': async ({ caseId, request, passphrase }) => {
      if (!path.isAbsolute(request.outDir)) throw new EngineError('invalid-args', `The output folder must be an absolute path: ${request.outDir}`);
      const store = await cases.get(asCaseId(caseId));
      const secret = passphrase ?? (await storedPassphrase());
      if (!secret) throw new EngineError('invalid-args', 'The unit key passphrase is needed to sign the package.');
      // Opened before the job starts: a wrong passphrase is an error of this call, not a failed job.
      const key = await openUnitKey(templates.dataDir, secret);
      if (passphrase) keepPassphrase?.(passphrase);
      const signer = actorOf(store.info.examiner);
      return {
        jobId: jobs.startExport(asCaseId(caseId), (signal, onProgress) =>
          exportPackage(store, request, { key, signer, workstation: os.hostname(), templateFiles: libraryTemplateFiles(templates), onProgress, signal }),
        ),
      };
    },
    'export.verify': ({ path: target }) => {
      if (!path.isAbsolute(target)) throw new EngineError('invalid-args', `The package path must be absolute: ${target}`);
      return verifyPackage(target);
    },
    'export.languages': () => reportLanguages(),
  };
}

/** Every report language table with its name, the default pair first (in their order), then the rest by tag. */
export function reportLanguages(): { tag: string; name: string }[] {
  const tags = Object.keys(LANGUAGE_TABLES);
  const rest = tags.filter((tag) => !DEFAULT_LANGUAGES.includes(tag)).sort();
  return [...DEFAULT_LANGUAGES.filter((tag) => tags.includes(tag)), ...rest].map((tag) => ({ tag, name: LANGUAGE_NAMES[tag] ?? tag }));
}
