/**
 * The CPU floor under ingest throughput: single-threaded cost per photo of the work no implementation can
 * skip (decoding the JPEG at 1/8 scale for a thumbnail, and the three hashes the case needs), measured on
 * the benchmark's own photo set. Run by ingest.bench.ts with UV_THREADPOOL_SIZE=1 and sharp concurrency 1,
 * so each figure is one core's time. Prints one JSON object on stdout.
 *
 *   tsx tests/bench/ingest-floor.ts <photoDir> [maxFiles]
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { extractImage } from '../../native/engine/ingest/image';

sharp.concurrency(1);
sharp.cache(false);

const [dir, maxArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: ingest-floor.ts <photoDir> [maxFiles]');
/** 100 photos: enough for a stable mean (spread below 2 % between runs here) in well under a minute. */
const max = Number(maxArg ?? 100);
const names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.jpg')).sort().slice(0, max);
const photos = names.map((n) => readFileSync(path.join(dir, n)));

async function meanMs(fn: (b: Buffer) => unknown): Promise<number> {
  await fn(photos[0]!); // warm-up: first call loads codecs
  const start = process.hrtime.bigint();
  for (const b of photos) await fn(b);
  return Number(process.hrtime.bigint() - start) / 1e6 / photos.length;
}

const decodeMs = await meanMs((b) => sharp(b).resize(256, 256, { fit: 'inside' }).raw().toBuffer());
const hashesMs = await meanMs((b) => ['sha256', 'sha1', 'md5'].map((a) => createHash(a).update(b).digest()));
const caselensImageMs = await meanMs((b) => extractImage(b, 'jpeg'));
process.stdout.write(JSON.stringify({ files: photos.length, decodeMs, hashesMs, caselensImageMs }) + '\n');
