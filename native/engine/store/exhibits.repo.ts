import type Database from 'better-sqlite3';
import { asExhibitId, EngineError, type Exhibit, type ExhibitId, type ExhibitRecord } from '../contract';

interface ExhibitRow {
  id: number;
  label: string;
  description: string | null;
  seized_by: string | null;
  seized_at: string | null;
  place: string | null;
  seal_number: string | null;
  device_make: string | null;
  device_model: string | null;
  device_serial: string | null;
  device_imei: string | null;
  notes: string | null;
  created_at: string;
  item_count: number;
}

const toExhibit = (row: ExhibitRow): Exhibit => ({
  id: asExhibitId(row.id),
  label: row.label,
  description: row.description,
  seizedBy: row.seized_by,
  seizedAt: row.seized_at,
  place: row.place,
  sealNumber: row.seal_number,
  deviceMake: row.device_make,
  deviceModel: row.device_model,
  deviceSerial: row.device_serial,
  deviceImei: row.device_imei,
  notes: row.notes,
  createdAt: row.created_at,
  itemCount: row.item_count,
});

const SELECT = `SELECT e.*, (SELECT count(*) FROM items i WHERE i.exhibit_id = e.id) AS item_count FROM exhibits e`;

/** Exhibits (seized devices and media) with their collection records. */
export class ExhibitsRepo {
  constructor(private readonly db: Database.Database) {}

  list(): Exhibit[] {
    return (this.db.prepare(`${SELECT} ORDER BY e.id`).all() as ExhibitRow[]).map(toExhibit);
  }

  get(id: ExhibitId): Exhibit {
    const row = this.db.prepare(`${SELECT} WHERE e.id = ?`).get(id) as ExhibitRow | undefined;
    if (!row) throw new EngineError('not-found', `No exhibit ${id} in this case.`);
    return toExhibit(row);
  }

  findByLabel(label: string): Exhibit | null {
    const row = this.db.prepare(`${SELECT} WHERE e.label = ?`).get(label) as ExhibitRow | undefined;
    return row ? toExhibit(row) : null;
  }

  create(record: ExhibitRecord, at = new Date().toISOString()): Exhibit {
    const label = record.label.trim();
    if (!label) throw new EngineError('invalid-args', 'An exhibit needs a label.');
    if (this.findByLabel(label)) throw new EngineError('conflict', `An exhibit labelled "${label}" already exists in this case.`);
    const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
    const info = this.db
      .prepare(
        `INSERT INTO exhibits (label, description, seized_by, seized_at, place, seal_number, device_make, device_model,
           device_serial, device_imei, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        label,
        blank(record.description),
        blank(record.seizedBy),
        blank(record.seizedAt),
        blank(record.place),
        blank(record.sealNumber),
        blank(record.deviceMake),
        blank(record.deviceModel),
        blank(record.deviceSerial),
        blank(record.deviceImei),
        blank(record.notes),
        at,
      );
    return this.get(asExhibitId(Number(info.lastInsertRowid)));
  }
}
