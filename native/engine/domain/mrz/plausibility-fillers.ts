/**
 * Filler and padding habits (Doc 9303 Part 3, 4.3 and 4.6): fields are left-aligned and padded with `<`
 * at the end; inside a name, one `<` separates parts and `<<` separates primary from secondary
 * identifier. Deviations are typical of hand-made MRZs. Each is a clue, not proof: some issuers pad oddly.
 */
import type { MrzFieldName } from './formats';
import type { PlausibilityFinding, PlausibilityRule } from './plausibility-types';

/** Fields that must be left-aligned: data, then only fillers. Optional data is issuer-defined and not judged. */
const LEFT_ALIGNED: readonly MrzFieldName[] = ['documentCode', 'issuingState', 'nationality', 'documentNumber'];

/** A character after a filler inside a left-aligned field (`D23<45890`, `<TO`). */
export const fieldsLeftAligned: PlausibilityRule = ({ result }) =>
  LEFT_ALIGNED.flatMap((name) => {
    const f = result.fields[name];
    if (!f || f.status === 'unreadable') return [];
    const at = f.raw.search(/<[^<]/);
    return at < 0
      ? []
      : [{ kind: 'mrz.filler.irregular', severity: 'medium', field: name, explanation: `${name} '${f.raw}' has '${f.raw[at + 1] ?? ''}' after a filler at offset ${at}; fields are left-aligned and padded at the end`, attributes: { raw: f.raw, offset: at + 1 } } satisfies PlausibilityFinding];
  });

/**
 * Name-field habits: no `<<` separator; a second `<<` or a run of 3+ fillers followed by letters (a filler
 * inside the name, or garbage after the padding); a leading filler; no trailing filler (possibly truncated).
 */
export const nameFillers: PlausibilityRule = ({ result }) => {
  const f = result.fields.name;
  if (!f || f.status === 'unreadable') return [];
  const out: PlausibilityFinding[] = [];
  const body = f.raw.replace(/<+$/, '');
  const add = (kind: string, severity: PlausibilityFinding['severity'], explanation: string) => out.push({ kind, severity, field: 'name', explanation, attributes: { raw: f.raw } });
  if (body.startsWith('<')) add('mrz.filler.irregular', 'medium', 'name field starts with a filler; the primary identifier must come first');
  if (!body.includes('<<') && body.length > 0)
    add('mrz.name.separator-missing', 'low', 'no << between primary and secondary identifier (legitimate only for a holder with a single name component)');
  const doubles = body.match(/<<+/g) ?? [];
  if (doubles.length > 1) add('mrz.filler.irregular', 'medium', `${doubles.length} runs of 2+ fillers inside the name; only one << (surname / given names) is expected`);
  if (doubles.some((run) => run.length >= 3)) add('mrz.filler.irregular', 'medium', 'a run of 3+ fillers followed by letters inside the name: a filler inside a name part or characters after the padding');
  if (!f.raw.endsWith('<') && f.raw.length > 0) add('mrz.name.truncated', 'info', 'the name fills the whole field: the name may be truncated (Doc 9303 Part 3, 4.6.4)');
  return out;
};

/** Characters after the layout's line length (recorded by the parser as `shape.line-too-long`). */
export const noTrailingGarbage: PlausibilityRule = ({ result }) =>
  result.issues
    .filter((i) => i.kind === 'shape.line-too-long')
    .map((i) => ({ kind: 'mrz.filler.trailing-garbage', severity: 'medium', explanation: i.message, attributes: { line: i.line ?? null } }) satisfies PlausibilityFinding);
