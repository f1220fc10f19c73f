/**
 * Argument schemas for every contract method. The renderer and every remote caller are untrusted: a
 * call is dispatched only after its arguments parse. `satisfies` ties the table to the contract, so a
 * method without a schema is a compile error.
 */
import { z } from 'zod';
import { LINK_KINDS, type MethodName } from '../contract';

const text = (max: number) => z.string().max(max);
const optionalText = (max: number) => z.string().max(max).nullish();
const caseId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a case id');
const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const kinds = z.enum(['jpeg', 'png', 'heif', 'webp', 'avif', 'tiff', 'gif', 'bmp', 'pdf', 'other']);
const empty = z.object({}).strict();
/** Longest path accepted from a caller (Linux PATH_MAX). */
const MAX_PATH = 4096;
/** A package path of export.merge: absolute (POSIX or Windows drive / UNC), so it never depends on the engine's working folder. */
const absolutePath = text(MAX_PATH).min(1).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'not an absolute path');
/** Packages per merge call: a coordination centre merges a handful of workstations at once; 100 is generous. */
const MAX_MERGE_PACKAGES = 100;
/** Most paths one import call may name; folders count once however many files they hold. */
const MAX_IMPORT_PATHS = 10_000;
/** Most search hits one call returns: a result list a person reads, not an export. */
const MAX_SEARCH_HITS = 500;
/** Largest grid page: the virtualised grid asks for a few hundred rows at a time. */
const MAX_PAGE = 1000;
/** Largest template description accepted from the authoring UI: 200 zones of a few hundred bytes each, with room. */
const MAX_TEMPLATE_JSON = 256 * 1024;
/** Templates in one exported pack: far above a unit's library (a few dozen models), low enough to bound a call. */
const MAX_PACK_TEMPLATES = 500;
/** Items one export may list by id: a whole case of 50,000 items is exported with no scope, not by listing it. */
const MAX_EXPORT_ITEMS = 100_000;
/** Passphrase length accepted on the wire (the minimum is the signing module's, MIN_PASSPHRASE_LENGTH). */
const MAX_PASSPHRASE = 1024;
const templateId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'not a template id');
const templateVersion = z.string().regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, 'not a version x.y.z');
const draftImageId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a draft image id');
const templateDraft = z
  .object({
    definition: z.record(z.string(), z.unknown()).refine((d) => JSON.stringify(d).length <= MAX_TEMPLATE_JSON, `template description over ${MAX_TEMPLATE_JSON} bytes`),
    images: z.record(z.string().min(1).max(32), draftImageId),
  })
  .strict();

/** An entity ref `type:id` (links/refs.ts); ids are digits, person keys or `<sha256>#<row>`. */
const entityRef = z.string().max(600).regex(/^(item|document|exhibit|family|person|watchlist-entry):[^\s]{1,590}$/, 'not an entity ref');
const linkKind = z.enum(LINK_KINDS);

export const ARG_SCHEMAS = {
  'app.info': empty,
  'cases.list': empty,
  'cases.create': z.object({ title: text(300).min(1), reference: optionalText(120), examiner: optionalText(200) }).strict(),
  'cases.get': z.object({ caseId }).strict(),
  'exhibits.list': z.object({ caseId }).strict(),
  'exhibits.create': z
    .object({
      caseId,
      record: z
        .object({
          label: text(120).min(1),
          description: optionalText(4000),
          seizedBy: optionalText(300),
          seizedAt: optionalText(64),
          place: optionalText(300),
          sealNumber: optionalText(120),
          deviceMake: optionalText(120),
          deviceModel: optionalText(120),
          deviceSerial: optionalText(120),
          deviceImei: optionalText(64),
          notes: optionalText(4000),
        })
        .strict(),
    })
    .strict(),
  'evidence.import': z
    .object({
      caseId,
      exhibitId: rowId,
      paths: z.array(text(MAX_PATH).min(1)).min(1).max(MAX_IMPORT_PATHS),
      referenceInPlace: z.boolean().optional(),
    })
    .strict(),
  'jobs.list': z.object({ caseId }).strict(),
  'jobs.get': z.object({ jobId: z.string().uuid() }).strict(),
  'jobs.cancel': z.object({ jobId: z.string().uuid() }).strict(),
  'items.query': z
    .object({
      caseId,
      filter: z
        .object({
          kinds: z.array(kinds).max(10).optional(),
          exhibitId: rowId.nullish(),
          hasGps: z.boolean().optional(),
          hasExif: z.boolean().optional(),
          duplicates: z.enum(['exact', 'near', 'any']).optional(),
          errors: z.boolean().optional(),
          hasDocuments: z.boolean().optional(),
          tag: text(64).optional(),
          text: text(500).optional(),
          minForensicScore: z.number().min(0).max(1).optional(),
          watchlistHits: z.boolean().optional(),
        })
        .strict()
        .optional(),
      sort: z
        .object({ key: z.enum(['id', 'name', 'size', 'dateTimeOriginal', 'kind', 'exhibitPath', 'forensicScore']), direction: z.enum(['asc', 'desc']) })
        .strict()
        .optional(),
      offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      limit: z.number().int().min(1).max(MAX_PAGE),
    })
    .strict(),
  'items.get': z.object({ caseId, itemId: rowId }).strict(),
  'items.text': z.object({ caseId, itemId: rowId }).strict(),
  'items.findings': z.object({ caseId, itemId: rowId }).strict(),
  'items.forensics': z.object({ caseId, itemId: rowId }).strict(),
  'analysis.start': z.object({ caseId }).strict(),
  'documents.list': z
    .object({
      caseId,
      filter: z
        .object({ mrzValid: z.boolean().optional(), withFindings: z.boolean().optional(), assessmentLevel: z.enum(['no-indicators', 'review', 'strong-indicators']).optional() })
        .strict()
        .optional(),
    })
    .strict(),
  'documents.get': z.object({ caseId, documentId: rowId }).strict(),
  'documents.comparison': z.object({ caseId, documentId: rowId }).strict(),
  'templates.list': empty,
  'templates.get': z.object({ id: templateId, version: templateVersion.optional() }).strict(),
  'links.status': z.object({ caseId }).strict(),
  'links.run': z.object({ caseId }).strict(),
  'links.occurrences': z.object({ caseId, ref: entityRef }).strict(),
  'links.graph': z
    .object({ caseId, ref: entityRef, depth: z.number().int().min(1).max(3).optional(), kinds: z.array(linkKind).max(20).optional(), minStrength: z.number().min(0).max(1).optional() })
    .strict(),
  'links.families': z.object({ caseId }).strict(),
  'watchlists.list': z.object({ caseId }).strict(),
  'watchlists.import': z.object({ caseId, path: text(MAX_PATH).min(1) }).strict(),
  'templates.importPack': z.object({ path: text(MAX_PATH).min(1) }).strict(),
  'templates.exportPack': z
    .object({
      templates: z.array(z.object({ id: templateId, version: templateVersion }).strict()).min(1).max(MAX_PACK_TEMPLATES),
      dir: text(MAX_PATH).min(1),
      passphrase: text(MAX_PASSPHRASE).nullable(),
    })
    .strict(),
  'templates.trustSigner': z.object({ fingerprint: text(200).min(1), trusted: z.boolean() }).strict(),
  'templates.specimen': z
    .object({ path: text(MAX_PATH).min(1).optional(), caseId: caseId.optional(), itemId: rowId.optional() })
    .strict()
    .refine((a) => (a.path !== undefined) !== (a.caseId !== undefined && a.itemId !== undefined), 'give either path, or caseId and itemId'),
  'templates.try': z
    .object({ draft: templateDraft, path: text(MAX_PATH).min(1).optional(), caseId: caseId.optional(), documentId: rowId.optional() })
    .strict()
    .refine((a) => (a.path !== undefined) !== (a.caseId !== undefined && a.documentId !== undefined), 'give either path, or caseId and documentId'),
  'templates.save': z.object({ draft: templateDraft }).strict(),
  'export.start': z
    .object({
      caseId,
      request: z
        .object({
          scope: z
            .object({
              itemIds: z.array(rowId).max(MAX_EXPORT_ITEMS).optional(),
              tags: z.array(text(64).min(1)).max(100).optional(),
              levels: z.array(z.enum(['no-indicators', 'review', 'strong-indicators'])).max(3).optional(),
            })
            .strict()
            .optional(),
          coverNote: z
            .object({
              handling: z.enum(['H0', 'H1', 'H2', 'H3']),
              sourceReliability: z.enum(['A', 'B', 'C', 'X']),
              informationAccuracy: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
              authorization: text(2000).min(1),
              requestedAction: optionalText(2000),
            })
            .strict(),
          languages: z.array(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not a language tag')).min(1).max(4).optional(),
          outDir: text(MAX_PATH).min(1),
          zip: z.boolean().optional(),
          organisation: optionalText(500),
        })
        .strict(),
      passphrase: text(MAX_PASSPHRASE).nullable(),
    })
    .strict(),
  'export.verify': z.object({ path: text(MAX_PATH).min(1) }).strict(),
  'export.merge': z.object({ caseId, paths: z.array(absolutePath).min(1).max(MAX_MERGE_PACKAGES) }).strict(),
  'export.languages': empty,
  'keys.unit': empty,
  'search.query': z.object({ caseId, text: text(500), limit: z.number().int().min(1).max(MAX_SEARCH_HITS).optional() }).strict(),
  'tags.list': z.object({ caseId }).strict(),
  'tags.add': z.object({ caseId, itemId: rowId, tag: text(64).min(1) }).strict(),
  'tags.remove': z.object({ caseId, itemId: rowId, tag: text(64).min(1) }).strict(),
  'notes.add': z.object({ caseId, itemId: rowId, text: text(20_000).min(1) }).strict(),
  'audit.list': z.object({ caseId, offset: z.number().int().min(0), limit: z.number().int().min(1).max(MAX_PAGE) }).strict(),
  'fs.list': z.object({ path: text(MAX_PATH).optional() }).strict(),
} satisfies Record<MethodName, z.ZodType>;

/** Parse a call's arguments; throws a readable message naming the offending fields. */
export function validateArgs(method: MethodName, args: unknown): unknown {
  const result = ARG_SCHEMAS[method].safeParse(args ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`);
  throw new Error(problems.join('; '));
}
