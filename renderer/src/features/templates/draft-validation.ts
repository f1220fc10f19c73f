/**
 * The problems of a template draft, each with the JSON path of template.json it concerns, as the engine's
 * loader names them (docs/TEMPLATES.md: `sides.0.zones.2.box: box extends beyond the image`). The rules
 * repeat the engine's `caselens-template/1` schema so the author sees them while drawing; the engine
 * validates again on try and save, and its answer is what counts.
 */
import { ALIGNMENTS, MRZ_FORMATS, TEXT_FIELDS, parseDocumentCodes } from './template-draft';
import type { DraftZone, TemplateDraft } from './template-draft';

export interface DraftProblem {
  /** JSON path in template.json, e.g. `sides.0.zones.2.pattern`. */
  readonly path: string;
  readonly message: string;
  /** `error`: the engine would refuse the template; `warning`: it would load, but probably not as meant. */
  readonly severity: 'error' | 'warning';
}

/** Tolerance the engine allows on `x + width <= 1` (rounding of 4-decimal boxes). */
const BOX_TOLERANCE = 1e-4;
/** The format's limits (native/engine/templates/template.ts). */
const LIMITS = { id: 64, title: 300, category: 64, pattern: 200, dateFormat: 32, script: 32, text: 500, feature: 64, zones: 200, sides: 4, sideName: 32, sizeMm: 500, validityYears: 100 } as const;

const ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const VERSION_RE = /^[0-9]+\.[0-9]+\.[0-9]+$/;
const STATE_RE = /^[A-Z<]{1,3}$/;
const CODE_RE = /^[A-Z<]{1,2}$/;

/** Whether `pattern` compiles as a JavaScript regular expression; the reason when it does not. */
export function patternError(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function zoneProblems(zone: DraftZone, path: string, seen: Map<string, string>): DraftProblem[] {
  const out: DraftProblem[] = [];
  const error = (key: string, message: string) => out.push({ path: `${path}.${key}`, message, severity: 'error' });
  const warn = (key: string, message: string) => out.push({ path: `${path}.${key}`, message, severity: 'warning' });
  const id = zone.id.trim();
  if (!id) error('id', 'a zone needs an id');
  else if (id.length > LIMITS.id) error('id', `at most ${LIMITS.id} characters`);
  else if (seen.has(id)) warn('id', `the same id as ${seen.get(id)}: reasons and checks name zones by id`);
  else seen.set(id, path);

  const [x, y, w, h] = zone.box;
  if ([x, y, w, h].some((v) => !Number.isFinite(v) || v < 0 || v > 1)) error('box', 'every box value must be a fraction between 0 and 1');
  else if (x + w > 1 + BOX_TOLERANCE || y + h > 1 + BOX_TOLERANCE) error('box', 'box extends beyond the image');
  else if (w === 0 || h === 0) error('box', 'box has no area');

  if (zone.kind === 'text') {
    if (!zone.field) error('field', 'a text zone names the printed field it holds');
    else if (!(TEXT_FIELDS as readonly string[]).includes(zone.field)) error('field', `unknown field "${zone.field}"`);
    if (zone.pattern.length > LIMITS.pattern) error('pattern', `at most ${LIMITS.pattern} characters`);
    const bad = zone.pattern.trim() ? patternError(zone.pattern.trim()) : null;
    if (bad) error('pattern', `not a valid regular expression: ${bad}`);
    else if (zone.pattern.trim() && zone.sample.trim() && !new RegExp(zone.pattern.trim()).test(zone.sample.trim())) {
      warn('sample', `the specimen's value "${zone.sample.trim()}" does not match the pattern`);
    }
    if (zone.dateFormat.length > LIMITS.dateFormat) error('dateFormat', `at most ${LIMITS.dateFormat} characters`);
    if (zone.script.length > LIMITS.script) error('script', `at most ${LIMITS.script} characters`);
  }
  if (zone.align && !(ALIGNMENTS as readonly string[]).includes(zone.align)) error('align', 'left, right or center');
  if (zone.kind === 'static-text') {
    if (!zone.text.trim()) error('text', 'a static-text zone holds the text printed on every card');
    else if (zone.text.length > LIMITS.text) error('text', `at most ${LIMITS.text} characters`);
  }
  if (zone.kind === 'security') {
    if (!zone.feature.trim()) error('feature', 'a security zone names its feature (e.g. background-print)');
    else if (zone.feature.length > LIMITS.feature) error('feature', `at most ${LIMITS.feature} characters`);
  }
  return out;
}

/** Every problem of the draft, in template.json order; empty when the engine should accept it. */
export function validateDraft(draft: TemplateDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  const error = (path: string, message: string) => out.push({ path, message, severity: 'error' });
  const warn = (path: string, message: string) => out.push({ path, message, severity: 'warning' });
  const m = draft.meta;
  const id = m.id.trim();
  if (!ID_RE.test(id)) error('id', 'lowercase letters, digits, dot, dash, underscore; up to 64 characters, starting with a letter or digit');
  if (!VERSION_RE.test(m.version.trim())) error('version', 'semantic version x.y.z');
  if (!m.title.trim()) error('title', 'a title is required');
  else if (m.title.length > LIMITS.title) error('title', `at most ${LIMITS.title} characters`);
  if (!STATE_RE.test(m.issuingState.trim().toUpperCase())) error('issuingState', 'ICAO code: 1 to 3 letters or <');
  if (m.category.length > LIMITS.category) error('category', `at most ${LIMITS.category} characters`);
  for (const key of ['widthMm', 'heightMm'] as const) {
    const value = Number(m[key].replace(',', '.'));
    if (!m[key].trim() || !Number.isFinite(value) || value <= 0) error(`size.${key}`, 'millimetres, a positive number');
    else if (value > LIMITS.sizeMm) error(`size.${key}`, `at most ${LIMITS.sizeMm} mm`);
  }
  if (m.mrzFormat && !(MRZ_FORMATS as readonly string[]).includes(m.mrzFormat)) error('mrz.format', MRZ_FORMATS.join(', '));
  const codes = parseDocumentCodes(m.documentCodes);
  if (codes.length && !m.mrzFormat) warn('mrz', 'document codes are only used with an MRZ format');
  codes.forEach((code, index) => {
    if (!CODE_RE.test(code)) error(`mrz.documentCodes.${index}`, `"${code}": 1 or 2 letters or <`);
  });
  if (m.mrzIssuingState.trim() && !STATE_RE.test(m.mrzIssuingState.trim().toUpperCase())) error('mrz.issuingState', 'ICAO code: 1 to 3 letters or <');
  if (m.maxValidityYears.trim()) {
    const years = Number(m.maxValidityYears.replace(',', '.'));
    if (!Number.isFinite(years) || years <= 0 || years > LIMITS.validityYears) error('rules.maxValidityYears', `years, more than 0 and at most ${LIMITS.validityYears}`);
  }

  if (draft.sides.length === 0) error('sides', 'a template has at least one side');
  if (draft.sides.length > LIMITS.sides) error('sides', `at most ${LIMITS.sides} sides`);
  const names = new Set<string>();
  const seen = new Map<string, string>();
  draft.sides.forEach((side, s) => {
    const path = `sides.${s}`;
    if (!side.name.trim() || side.name.length > LIMITS.sideName) error(`${path}.name`, `a side name of 1 to ${LIMITS.sideName} characters`);
    else if (names.has(side.name)) error(`${path}.name`, `two sides are called "${side.name}"`);
    names.add(side.name);
    if (!side.image) error(`${path}.image`, `choose a specimen image for the ${side.name} side`);
    else if (!side.image.draftImageId) error(`${path}.image`, `choose the specimen again for the ${side.name} side (the previous version's reference image is shown for drawing only)`);
    if (side.zones.length === 0) warn(`${path}.zones`, `the ${side.name} side has no zones yet`);
    if (side.zones.length > LIMITS.zones) error(`${path}.zones`, `at most ${LIMITS.zones} zones per side`);
    side.zones.forEach((zone, z) => out.push(...zoneProblems(zone, `${path}.zones.${z}`, seen)));
  });
  if (m.mrzFormat && !draft.sides.some((side) => side.zones.some((zone) => zone.kind === 'mrz'))) warn('mrz', 'an MRZ format is set but no side has an MRZ zone');
  return out;
}

/** Whether the draft has no error (warnings allowed). */
export function draftIsValid(problems: readonly DraftProblem[]): boolean {
  return problems.every((p) => p.severity !== 'error');
}
