import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadOcrbModel, locateOcrbModelFile } from '../mrz-reader';

let cached: Readonly<Record<string, unknown>> | null = null;

/** The shipped OCR-B model as provenance: file checksum and its training metadata. */
export function ocrbModelProvenance(): Readonly<Record<string, unknown>> {
  if (cached) return cached;
  const file = locateOcrbModelFile();
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  cached = { file: 'resources/ocr/' + file.split(/[\\/]/).pop(), sha256, metadata: loadOcrbModel().metadata };
  return cached;
}
