/**
 * A template being authored, as the form holds it (text inputs stay text until saved), and the
 * `caselens-template/1` definition built from it (docs/TEMPLATES.md). Pure; validation is in draft-validation.ts.
 */
import type { SpecimenView, TemplateDetailView, TemplateDraftInput, TemplateZoneView } from '../../../../native/engine/contract';
import { TEMPLATE_TEXT_FIELDS } from '../../../../native/engine/contract';
import type { ZoneBox } from './zone-geometry';

export type ZoneKind = TemplateZoneView['kind'];
export const ZONE_KINDS: readonly ZoneKind[] = ['portrait', 'text', 'static-text', 'mrz', 'security', 'signature'];

/** The printed fields a `text` zone may name (the contract's list, shared with the engine's template schema). */
export const TEXT_FIELDS = TEMPLATE_TEXT_FIELDS;
export type TextField = (typeof TEXT_FIELDS)[number];

export const MRZ_FORMATS = ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB'] as const;
export const ALIGNMENTS = ['left', 'right', 'center'] as const;
export type Alignment = (typeof ALIGNMENTS)[number];

/** Security features offered in the zone form; any other name may be typed. */
export const SECURITY_FEATURES = ['background-print', 'microprint', 'rainbow-print', 'ovd', 'ghost-image', 'uv-print'] as const;

export interface DraftZone {
  readonly id: string;
  readonly kind: ZoneKind;
  readonly box: ZoneBox;
  readonly field: string;
  readonly pattern: string;
  readonly dateFormat: string;
  readonly script: string;
  readonly align: '' | Alignment;
  readonly sample: string;
  readonly text: string;
  readonly feature: string;
}

/** The image a side is drawn on: a specimen straightened by `templates.specimen`, or the previous version's reference. */
export interface DraftImage {
  readonly url: string;
  readonly width: number;
  readonly height: number;
  /** Null for the previous version's reference image, which the engine cannot take as a draft image. */
  readonly draftImageId: string | null;
  readonly method: string;
}

export interface DraftSide {
  readonly name: string;
  readonly image: DraftImage | null;
  readonly zones: readonly DraftZone[];
}

/** Template metadata as typed (numbers stay text until the definition is built). */
export interface DraftMeta {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly issuingState: string;
  readonly category: string;
  readonly widthMm: string;
  readonly heightMm: string;
  readonly mrzFormat: '' | (typeof MRZ_FORMATS)[number];
  /** Comma- or space-separated document codes, e.g. `IR, IP`. */
  readonly documentCodes: string;
  readonly mrzIssuingState: string;
  readonly maxValidityYears: string;
  readonly referenceKind: string;
  readonly referenceCode: string;
  readonly release: string;
}

export interface TemplateDraft {
  readonly meta: DraftMeta;
  readonly sides: readonly DraftSide[];
  /** Properties of the template this draft started from that the form does not edit (kept, as the format asks). */
  readonly extra: Readonly<Record<string, unknown>>;
  /** `id@version` of the template this draft is a new version of, or null. */
  readonly basedOn: string | null;
}

/** ISO/IEC 7810 sizes in millimetres, to pre-fill the size from the specimen's size class. */
export const SIZE_CLASS_MM = { ID1: ['85.6', '53.98'], ID2: ['105', '74'], ID3: ['125', '88'] } as const;

export const EMPTY_META: DraftMeta = {
  id: '',
  version: '1.0.0',
  title: '',
  issuingState: '',
  category: 'residence-permit',
  widthMm: '85.6',
  heightMm: '53.98',
  mrzFormat: '',
  documentCodes: '',
  mrzIssuingState: '',
  maxValidityYears: '',
  referenceKind: '',
  referenceCode: '',
  release: 'restricted',
};

/** A new, empty draft with a front side. */
export function emptyDraft(): TemplateDraft {
  return { meta: EMPTY_META, sides: [{ name: 'front', image: null, zones: [] }], extra: {}, basedOn: null };
}

/** A zone of the given kind with every optional property empty. */
export function newZone(id: string, kind: ZoneKind, box: ZoneBox): DraftZone {
  return { id, kind, box, field: '', pattern: '', dateFormat: '', script: '', align: '', sample: '', text: '', feature: kind === 'security' ? 'background-print' : '' };
}

const kebab = (text: string): string => text.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * An id for a new zone that no zone of the draft uses yet: the text field's name in kebab case
 * (`birthDate` → `birth-date`), or the kind, with `-2`, `-3`… when taken.
 */
export function uniqueZoneId(kind: ZoneKind, field: string, taken: ReadonlySet<string>): string {
  const base = kind === 'text' && field ? kebab(field) : kind;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Every zone id of the draft (all sides). */
export function zoneIds(draft: TemplateDraft): Set<string> {
  return new Set(draft.sides.flatMap((side) => side.zones.map((zone) => zone.id)));
}

/** The next version for "edit as new version": the minor number raised, patch reset (`1.2.3` → `1.3.0`). */
export function nextVersion(version: string): string {
  const match = /^([0-9]+)\.([0-9]+)\.([0-9]+)$/.exec(version);
  if (!match) return '1.0.0';
  return `${match[1]}.${Number(match[2]) + 1}.0`;
}

/** Split typed document codes (`IR, IP` or `IR IP`) into codes, upper case. */
export function parseDocumentCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const obj = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** A zone of the definition as the form edits it. */
export function zoneFromView(zone: TemplateZoneView): DraftZone {
  return {
    ...newZone(zone.id, zone.kind, zone.box),
    field: zone.field ?? '',
    pattern: zone.pattern ?? '',
    dateFormat: zone.dateFormat ?? '',
    script: zone.script ?? '',
    align: zone.align ?? '',
    sample: zone.sample ?? '',
    text: zone.text ?? '',
    feature: zone.feature ?? '',
  };
}

const EDITED_KEYS = new Set(['format', 'id', 'version', 'title', 'issuingState', 'category', 'reference', 'release', 'size', 'sides', 'mrz', 'rules']);

/**
 * A draft for a new version of a stored template: its metadata, zones and reference images (to draw on),
 * the version raised, and its other properties kept. Each side still needs its specimen chosen before
 * trying or saving (a reference image is not a draft image).
 */
export function draftFromTemplate(detail: TemplateDetailView): TemplateDraft {
  const def = detail.definition;
  const size = obj(def['size']);
  const mrz = obj(def['mrz']);
  const rules = obj(def['rules']);
  const reference = obj(def['reference']);
  const codes = Array.isArray(mrz['documentCodes']) ? mrz['documentCodes'].map(str) : [];
  const extra = Object.fromEntries(Object.entries(def).filter(([key]) => !EDITED_KEYS.has(key)));
  const format = str(mrz['format']);
  return {
    meta: {
      id: detail.id,
      version: nextVersion(detail.version),
      title: detail.title,
      issuingState: detail.issuingState,
      category: detail.category,
      widthMm: str(size['widthMm']),
      heightMm: str(size['heightMm']),
      mrzFormat: (MRZ_FORMATS as readonly string[]).includes(format) ? (format as DraftMeta['mrzFormat']) : '',
      documentCodes: codes.join(', '),
      mrzIssuingState: str(mrz['issuingState']),
      maxValidityYears: str(rules['maxValidityYears']),
      referenceKind: str(reference['kind']),
      referenceCode: str(reference['code']),
      release: str(def['release']),
    },
    sides: detail.sidesDetail.map((side) => ({
      name: side.name,
      image: { url: side.imageDataUrl, width: side.width, height: side.height, draftImageId: null, method: `reference image of ${detail.id}@${detail.version}` },
      zones: side.zones.map(zoneFromView),
    })),
    extra,
    basedOn: `${detail.id}@${detail.version}`,
  };
}

/** The draft image of a specimen. */
export function specimenImage(specimen: SpecimenView): DraftImage {
  return { url: specimen.imageDataUrl, width: specimen.width, height: specimen.height, draftImageId: specimen.draftImageId, method: specimen.method };
}

/**
 * Metadata with what the specimen tells filled into fields still at their defaults or empty: the size
 * from its size class, and the MRZ format, document code and issuing state from the MRZ read on it.
 */
export function prefillFromSpecimen(meta: DraftMeta, specimen: SpecimenView): DraftMeta {
  const field = (name: string) => specimen.mrz?.fields.find((f) => f.name === name)?.text.replace(/</g, '').trim() ?? '';
  const size = specimen.sizeClass ? SIZE_CLASS_MM[specimen.sizeClass] : null;
  const defaultSize = meta.widthMm === EMPTY_META.widthMm && meta.heightMm === EMPTY_META.heightMm;
  const code = field('documentCode');
  const state = field('issuingState');
  const format = specimen.mrz?.format ?? null;
  return {
    ...meta,
    ...(size && (defaultSize || !meta.widthMm || !meta.heightMm) ? { widthMm: size[0], heightMm: size[1] } : {}),
    ...(format && !meta.mrzFormat && (MRZ_FORMATS as readonly string[]).includes(format) ? { mrzFormat: format as DraftMeta['mrzFormat'] } : {}),
    ...(code && !meta.documentCodes ? { documentCodes: code } : {}),
    ...(state && !meta.mrzIssuingState ? { mrzIssuingState: state } : {}),
    ...(state && !meta.issuingState ? { issuingState: state } : {}),
  };
}

/** A zone as template.json stores it: only the properties its kind uses, empty ones left out. */
export function zoneDefinition(zone: DraftZone): Record<string, unknown> {
  const out: Record<string, unknown> = { id: zone.id.trim(), kind: zone.kind, box: [...zone.box] };
  const put = (key: keyof DraftZone, value: string) => {
    if (value.trim()) out[key] = value.trim();
  };
  if (zone.kind === 'text') {
    put('field', zone.field);
    put('pattern', zone.pattern);
    put('dateFormat', zone.dateFormat);
    put('script', zone.script);
    put('align', zone.align);
    put('sample', zone.sample);
  }
  if (zone.kind === 'static-text') {
    out['text'] = zone.text;
    put('align', zone.align);
  }
  if (zone.kind === 'security') put('feature', zone.feature);
  return out;
}

const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')));

/** template.json for the draft (side images named `<side>.png`; the engine assigns the real names on save). */
export function buildDefinition(draft: TemplateDraft): Record<string, unknown> {
  const m = draft.meta;
  const codes = parseDocumentCodes(m.documentCodes);
  const maxValidity = num(m.maxValidityYears);
  return {
    ...draft.extra,
    format: 'caselens-template/1',
    id: m.id.trim(),
    version: m.version.trim(),
    title: m.title.trim(),
    issuingState: m.issuingState.trim().toUpperCase(),
    category: m.category.trim(),
    ...(m.referenceKind.trim() || m.referenceCode.trim() ? { reference: { kind: m.referenceKind.trim(), code: m.referenceCode.trim() } } : {}),
    ...(m.release.trim() ? { release: m.release.trim() } : {}),
    size: { widthMm: num(m.widthMm), heightMm: num(m.heightMm) },
    sides: draft.sides.map((side) => ({ name: side.name, image: `${side.name}.png`, zones: side.zones.map(zoneDefinition) })),
    ...(m.mrzFormat
      ? {
          mrz: {
            format: m.mrzFormat,
            ...(codes.length ? { documentCodes: codes } : {}),
            ...(m.mrzIssuingState.trim() ? { issuingState: m.mrzIssuingState.trim().toUpperCase() } : {}),
          },
        }
      : {}),
    ...(Number.isFinite(maxValidity) ? { rules: { maxValidityYears: maxValidity } } : {}),
  };
}

/** What `templates.try` and `templates.save` take: the definition and each side's draft image id. */
export function draftInput(draft: TemplateDraft): TemplateDraftInput {
  const images: Record<string, string> = {};
  for (const side of draft.sides) if (side.image?.draftImageId) images[side.name] = side.image.draftImageId;
  return { definition: buildDefinition(draft), images };
}
