/**
 * Document templates (`caselens-template/1`, see docs/TEMPLATES.md): a folder with `template.json` and
 * the reference images it names. This module loads and validates one; recognition and comparison build
 * on it. Unknown extra properties are kept (later versions extend the format compatibly).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EngineError, TEMPLATE_TEXT_FIELDS } from '../contract';

const fraction = z.number().min(0).max(1);
/** `[x, y, width, height]` as fractions of the side's reference image. */
const box = z.tuple([fraction, fraction, fraction, fraction]).refine(([x, y, w, h]) => x + w <= 1.0001 && y + h <= 1.0001, 'box extends beyond the image');


const zoneBase = { id: z.string().min(1).max(64), box };
const zone = z.discriminatedUnion('kind', [
  z.looseObject({ ...zoneBase, kind: z.literal('portrait') }),
  z.looseObject({
    ...zoneBase,
    kind: z.literal('text'),
    field: z.enum(TEMPLATE_TEXT_FIELDS),
    pattern: z.string().max(200).optional(),
    dateFormat: z.string().max(32).optional(),
    script: z.string().max(32).optional(),
  }),
  z.looseObject({ ...zoneBase, kind: z.literal('static-text'), text: z.string().max(500) }),
  z.looseObject({ ...zoneBase, kind: z.literal('mrz') }),
  z.looseObject({ ...zoneBase, kind: z.literal('security'), feature: z.string().max(64) }),
  z.looseObject({ ...zoneBase, kind: z.literal('signature') }),
]);

export const TEMPLATE_SCHEMA = z.looseObject({
  format: z.literal('caselens-template/1'),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'id: lowercase letters, digits, dot, dash, underscore'),
  version: z.string().regex(/^[0-9]+\.[0-9]+\.[0-9]+$/, 'version: semantic version x.y.z'),
  title: z.string().min(1).max(300),
  issuingState: z.string().regex(/^[A-Z<]{1,3}$/),
  category: z.string().max(64),
  reference: z.looseObject({ kind: z.string().max(32), code: z.string().max(64) }).optional(),
  release: z.string().max(64).optional(),
  size: z.object({ widthMm: z.number().positive().max(500), heightMm: z.number().positive().max(500) }),
  sides: z.array(z.looseObject({ name: z.string().min(1).max(32), image: z.string().min(1).max(200), zones: z.array(zone).max(200) })).min(1).max(4),
  mrz: z
    .looseObject({ format: z.enum(['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB']), documentCodes: z.array(z.string().regex(/^[A-Z<]{1,2}$/)).optional(), issuingState: z.string().optional() })
    .optional(),
  rules: z.looseObject({ maxValidityYears: z.number().positive().max(100).optional() }).optional(),
});

export type Template = z.infer<typeof TEMPLATE_SCHEMA>;
export type TemplateZone = z.infer<typeof zone>;

export interface LoadedTemplate {
  readonly template: Template;
  readonly dir: string;
  /** SHA-256 of `template.json` as read: cited in every finding that used the template. */
  readonly sha256: string;
}

/** Load and validate `<dir>/template.json`; every problem is reported with its JSON path. */
export async function loadTemplate(dir: string): Promise<LoadedTemplate> {
  const file = path.join(path.resolve(dir), 'template.json');
  let raw: Buffer;
  try {
    raw = await fs.readFile(file);
  } catch {
    throw new EngineError('not-found', `No template at ${dir} (${file} cannot be read).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new EngineError('invalid-args', `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = TEMPLATE_SCHEMA.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new EngineError('invalid-args', `${file} is not a valid caselens-template/1: ${problems}`);
  }
  for (const side of parsed.data.sides) {
    const image = path.resolve(path.dirname(file), side.image);
    if (path.relative(path.dirname(file), image).startsWith('..')) throw new EngineError('invalid-args', `${file}: side ${side.name} names an image outside the template folder`);
  }
  return { template: parsed.data, dir: path.dirname(file), sha256: createHash('sha256').update(raw).digest('hex') };
}

/** The expectations the MRZ checks take from a template (number pattern, codes, state, validity). */
export function mrzExpectations(t: Template): { documentNumberPattern?: string; documentCodes?: string[]; issuingState?: string; maxValidityYears?: number } {
  const numberZone = t.sides.flatMap((s) => s.zones).find((z): z is Extract<TemplateZone, { kind: 'text' }> => z.kind === 'text' && z.field === 'documentNumber');
  return {
    ...(numberZone?.pattern ? { documentNumberPattern: numberZone.pattern } : {}),
    ...(t.mrz?.documentCodes ? { documentCodes: t.mrz.documentCodes } : {}),
    ...(t.mrz?.issuingState ?? t.issuingState ? { issuingState: t.mrz?.issuingState ?? t.issuingState } : {}),
    ...(t.rules?.maxValidityYears ? { maxValidityYears: t.rules.maxValidityYears } : {}),
  };
}
