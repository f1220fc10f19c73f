/**
 * The read side of image forensics: per item, the newest run of every forensic analyser on its content,
 * their maps (artifacts) and findings, and the fused score.
 */
import type Database from 'better-sqlite3';
import { MANIPULATION_SCORE_NAME, type ForensicMapView, type ForensicRunView, type ItemForensics, type ItemId } from '../contract';
import { provenanceOf, queryFindings, type RunProvenanceRow } from './findings.query';
import { preparedOn } from './prepared';

/** Forensic analysers are the pipeline analysers named `forensics.<kernel>` (and `forensics.fusion`). */
const FORENSIC_PREFIX = 'forensics.%';

interface RunRow extends RunProvenanceRow {
  id: number;
  status: ForensicRunView['status'];
  error: string | null;
}

interface ArtifactRow {
  id: number;
  run_id: number;
  name: string;
  width: number;
  height: number;
  meta: string;
}

export class ForensicsRepo {
  constructor(private readonly db: Database.Database) {}

  /** Everything forensic about an item, or null when the item does not exist. */
  ofItem(itemId: ItemId, titles: ReadonlyMap<string, string> = new Map()): ItemForensics | null {
    const item = preparedOn(this.db, 'SELECT sha256 FROM items WHERE id = ?').get(itemId) as { sha256: string | null } | undefined;
    if (!item) return null;
    if (!item.sha256) return { itemId, score: null, runs: [], maps: [], findings: [] };
    // The newest run of each forensic analyser on this content (a version bump leaves the older run stored).
    const runs = preparedOn(
      this.db,
      `SELECT r.* FROM analyser_runs r
         WHERE r.input_sha256 = ? AND r.analyser_id LIKE ? AND r.id = (SELECT max(id) FROM analyser_runs x WHERE x.input_sha256 = r.input_sha256 AND x.analyser_id = r.analyser_id)
         ORDER BY r.id`,
    ).all(item.sha256, FORENSIC_PREFIX) as RunRow[];
    if (!runs.length) return { itemId, score: null, runs: [], maps: [], findings: [] };
    const runIds = runs.map((r) => r.id);
    const marks = runIds.map(() => '?').join(',');
    const scores = this.db.prepare(`SELECT run_id, name, value FROM scores WHERE run_id IN (${marks})`).all(...runIds) as { run_id: number; name: string; value: number }[];
    const artifacts = this.db.prepare(`SELECT id, run_id, name, width, height, meta FROM artifacts WHERE run_id IN (${marks}) ORDER BY id`).all(...runIds) as ArtifactRow[];
    const analyserOf = new Map(runs.map((r) => [r.id, r.analyser_id]));
    const fused = scores.find((s) => s.name === MANIPULATION_SCORE_NAME);
    return {
      itemId,
      score: fused?.value ?? null,
      runs: runs.map((r) => ({
        analyserId: r.analyser_id,
        title: titles.get(r.analyser_id) ?? r.analyser_id,
        status: r.status,
        reason: r.error,
        score: scores.find((s) => s.run_id === r.id && s.name === r.analyser_id)?.value ?? (r.analyser_id === 'forensics.fusion' ? (fused?.value ?? null) : null),
        provenance: provenanceOf(r),
      })),
      maps: artifacts.map((a): ForensicMapView => {
        const meta = JSON.parse(a.meta) as Record<string, unknown>;
        return {
          artifactId: a.id,
          analyserId: analyserOf.get(a.run_id) ?? '',
          name: a.name,
          width: a.width,
          height: a.height,
          cellSize: Number(meta.cellSize ?? 1),
          unit: String(meta.unit ?? ''),
          range: (meta.range as [number, number] | undefined) ?? [0, 255],
          higherIsSuspicious: meta.higherIsSuspicious !== false,
          orientation: Number(meta.orientation ?? 1),
          imageWidth: Number(meta.imageWidth ?? a.width),
          imageHeight: Number(meta.imageHeight ?? a.height),
        };
      }),
      findings: queryFindings(this.db, `f.run_id IN (${marks})`, runIds),
    };
  }

  /** The blob and content of an artifact, for serving it as an asset of the item it belongs to. */
  artifactBlob(artifactId: number): { blobSha256: string; contentSha256: string } | null {
    const row = this.db.prepare('SELECT blob_sha256, content_sha256 FROM artifacts WHERE id = ?').get(artifactId) as { blob_sha256: string; content_sha256: string } | undefined;
    return row ? { blobSha256: row.blob_sha256, contentSha256: row.content_sha256 } : null;
  }
}
