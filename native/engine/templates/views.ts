/**
 * Contract views of library templates: summary with trust and warning, and the detail with reference images.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { EngineError, type TemplateDetailView, type TemplateSummaryView, type TemplateTrustView, type TemplateZoneView } from '../contract';
import type { LibraryTemplate, TemplateTrust } from './library';

/** The warning a template from this source must carry, or null (bundled, the unit's own folders, trusted signers). */
export function trustWarning(trust: TemplateTrust, trustedSigner: boolean): string | null {
  switch (trust.status) {
    case 'bundled':
    case 'folder':
      return null;
    case 'signed':
      return trustedSigner
        ? null
        : `Signed by ${trust.signer ?? '?'}, a signer not on this workstation's trusted list: confirm the fingerprint with the sender before relying on these templates.`;
    case 'unsigned':
      return 'Unsigned template pack: nobody vouches for these templates; results citing them need the template checked against its specimen.';
    case 'invalid':
      return `Template pack failed verification (${trust.problems.join('; ')}): its templates may have been changed; results citing them are not reliable.`;
  }
}

/** The trust of a library template as the UI shows it. */
export function trustView(trust: TemplateTrust, trustedSigners: readonly string[]): TemplateTrustView {
  const trustedSigner = trust.signer !== null && trustedSigners.includes(trust.signer);
  return { status: trust.status, signer: trust.signer, trustedSigner, pack: trust.pack, problems: trust.problems, warning: trustWarning(trust, trustedSigner) };
}

/** Summary view of one library template. */
export function templateSummary(t: LibraryTemplate, trustedSigners: readonly string[]): TemplateSummaryView {
  return {
    id: t.template.id,
    version: t.template.version,
    title: t.template.title,
    issuingState: t.template.issuingState,
    category: t.template.category,
    source: t.source,
    trust: trustView(t.trust, trustedSigners),
    sha256: t.sha256,
    sides: t.template.sides.map((s) => ({ name: s.name, zones: s.zones.length })),
  };
}

/** The reference image of a side, its size and a PNG data URL (any input format is re-encoded as PNG). */
export async function sideImage(t: LibraryTemplate, sideName: string): Promise<{ width: number; height: number; png: Buffer }> {
  const side = t.template.sides.find((s) => s.name === sideName);
  if (!side) throw new EngineError('not-found', `template ${t.template.id} has no side "${sideName}"`);
  const file = path.join(t.dir, side.image);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new EngineError('not-found', `template ${t.template.id}: reference image ${side.image} of side ${sideName} cannot be read`);
  }
  const { data, info } = await sharp(bytes).png().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, png: data };
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** Detail view: the summary, every side with its zones and reference image, and template.json as stored. */
export async function templateDetail(t: LibraryTemplate, trustedSigners: readonly string[]): Promise<TemplateDetailView> {
  const sidesDetail = [];
  for (const side of t.template.sides) {
    const image = await sideImage(t, side.name);
    sidesDetail.push({ name: side.name, width: image.width, height: image.height, imageDataUrl: dataUrl(image.png), zones: side.zones as unknown as TemplateZoneView[] });
  }
  return { ...templateSummary(t, trustedSigners), sidesDetail, definition: t.template as unknown as Record<string, unknown> };
}
