/**
 * Template authoring: a genuine specimen image is found and straightened like any questioned document and
 * kept as a draft image (`<data folder>/template-drafts/<id>.png`); a draft template (description + draft
 * images per side) can be tried on a document without saving, and saved into the user template folder.
 * Every draft is validated by the same schema as a loaded template (template.ts).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkImage, type CheckedDocument } from '../analysers/documents/check-image';
import { mrzView } from '../analysers/documents/mrz-view';
import { EngineError, type MrzView, type SpecimenView, type TemplateDraftInput } from '../contract';
import { decodeRgb, encodePng } from '../imaging/decode';
import type { RgbImage } from '../imaging/raster';
import { ANALYSIS_MAX_SIDE } from '../pipeline/runner';
import { loadTemplate, type LoadedTemplate } from './template';

export const DRAFTS_FOLDER = 'template-drafts';
const DRAFT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** A document found in an image, as the template check needs it. */
export interface FoundQuestioned {
  readonly rectified: RgbImage;
  readonly mrz: MrzView | null;
  readonly sizeClass: CheckedDocument['sizeClass'] | null;
  readonly method: string;
}

/**
 * The main document of an image: found and straightened by the document finder (the largest outline when
 * there are several); an image in which no document is found is taken as it is (an already cropped scan).
 */
export async function findMainDocument(bytes: Buffer, today: string): Promise<FoundQuestioned> {
  let image;
  try {
    image = await decodeRgb(bytes, ANALYSIS_MAX_SIDE);
  } catch (error) {
    throw new EngineError('invalid-args', `the image cannot be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const found = await checkImage(image, { today }, { findMs: 0, readMs: 0, parseMs: 0 });
  const area = (d: CheckedDocument) => d.rectified.width * d.rectified.height;
  const main = found.sort((a, b) => area(b) - area(a))[0];
  if (!main) return { rectified: image, mrz: null, sizeClass: null, method: 'as-is' };
  return { rectified: main.rectified, mrz: main.mrz ? mrzView(main.mrz, main.reading?.lines ?? null) : null, sizeClass: main.sizeClass, method: main.method };
}

/** Find and straighten a specimen and keep it as a draft image. */
export async function makeSpecimen(dataDir: string, bytes: Buffer, today: string): Promise<SpecimenView> {
  const doc = await findMainDocument(bytes, today);
  const png = await encodePng(doc.rectified);
  const id = randomUUID();
  const dir = path.join(dataDir, DRAFTS_FOLDER);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, `${id}.png`), png);
  return { draftImageId: id, width: doc.rectified.width, height: doc.rectified.height, imageDataUrl: dataUrl(png), sizeClass: doc.sizeClass, mrz: doc.mrz, method: doc.method };
}

/**
 * Write a draft as a template folder in `dir` (template.json + one PNG per side, named after the side) and
 * load it back, which validates it. Throws `invalid-args` naming every problem.
 */
async function writeDraft(dataDir: string, draft: TemplateDraftInput, dir: string): Promise<LoadedTemplate> {
  const sides = draft.definition.sides;
  if (!Array.isArray(sides) || !sides.length) throw new EngineError('invalid-args', 'the template has no sides');
  const named = sides.map((side: unknown) => {
    const name = (side as { name?: unknown }).name;
    if (typeof name !== 'string' || !/^[a-z0-9-]{1,32}$/.test(name)) throw new EngineError('invalid-args', `side name ${JSON.stringify(name)}: lowercase letters, digits and dashes`);
    const imageId = draft.images[name];
    if (!imageId || !DRAFT_ID.test(imageId)) throw new EngineError('invalid-args', `side ${name} has no specimen image`);
    return { side: side as Record<string, unknown>, name, imageId };
  });
  await fs.mkdir(dir, { recursive: true });
  for (const { name, imageId } of named) {
    try {
      await fs.copyFile(path.join(dataDir, DRAFTS_FOLDER, `${imageId}.png`), path.join(dir, `${name}.png`));
    } catch {
      throw new EngineError('not-found', `the specimen image of side ${name} is no longer there; load the specimen again`);
    }
  }
  const definition = { ...draft.definition, sides: named.map(({ side, name }) => ({ ...side, image: `${name}.png` })) };
  await fs.writeFile(path.join(dir, 'template.json'), `${JSON.stringify(definition, null, 2)}\n`);
  return loadTemplate(dir);
}

/** Materialise a draft in a temporary folder for `use`, then remove it. */
export async function withDraftTemplate<T>(dataDir: string, draft: TemplateDraftInput, use: (template: LoadedTemplate) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caselens-template-trial-'));
  try {
    return await use(await writeDraft(dataDir, draft, dir));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Save a draft into `userRoot/<id>-<version>`; refused when that id and version are already in the library. */
export async function saveDraftTemplate(dataDir: string, userRoot: string, draft: TemplateDraftInput, exists: (id: string, version: string) => Promise<boolean>): Promise<LoadedTemplate> {
  const id = draft.definition.id;
  const version = draft.definition.version;
  if (typeof id !== 'string' || typeof version !== 'string') throw new EngineError('invalid-args', 'the template needs an id and a version');
  if (await exists(id, version)) throw new EngineError('conflict', `template ${id}@${version} is already in the library; save it under a higher version`);
  // Validated in a scratch folder first, so a bad draft never leaves a half-written template behind.
  await withDraftTemplate(dataDir, draft, async () => undefined);
  const dir = path.join(userRoot, `${id}-${version}`.replace(/[^a-z0-9._-]/g, '_'));
  const tmp = `${dir}.saving-${randomUUID().slice(0, 8)}`;
  try {
    await writeDraft(dataDir, draft, tmp);
    await fs.rename(tmp, dir);
  } catch (error) {
    await fs.rm(tmp, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (error as NodeJS.ErrnoException).code === 'EEXIST') throw new EngineError('conflict', `${dir} already exists`);
    throw error;
  }
  return loadTemplate(dir);
}
