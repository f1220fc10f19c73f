import type Database from 'better-sqlite3';
import { EngineError, type ItemId, type Note } from '../contract';

/** Longest tag name accepted: tags are short labels, not notes. */
const MAX_TAG_LENGTH = 64;

/** Tags and notes an examiner attaches to items. */
export class AnnotationsRepo {
  constructor(private readonly db: Database.Database) {}

  private requireItem(itemId: ItemId): void {
    if (!this.db.prepare('SELECT 1 FROM items WHERE id = ?').get(itemId)) throw new EngineError('not-found', `No item ${itemId} in this case.`);
  }

  static normaliseTag(tag: string): string {
    const name = tag.trim().replace(/\s+/g, ' ');
    if (!name) throw new EngineError('invalid-args', 'A tag cannot be empty.');
    if (name.length > MAX_TAG_LENGTH) throw new EngineError('invalid-args', `A tag is at most ${MAX_TAG_LENGTH} characters.`);
    return name;
  }

  allTags(): string[] {
    return this.db.prepare('SELECT name FROM tags ORDER BY name COLLATE NOCASE').pluck().all() as string[];
  }

  tagsOf(itemId: ItemId): string[] {
    return this.db
      .prepare('SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name')
      .pluck()
      .all(itemId) as string[];
  }

  /** Returns whether the tag was newly attached. */
  addTag(itemId: ItemId, tag: string, at = new Date().toISOString()): boolean {
    this.requireItem(itemId);
    const name = AnnotationsRepo.normaliseTag(tag);
    this.db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(name);
    const tagId = this.db.prepare('SELECT id FROM tags WHERE name = ?').pluck().get(name) as number;
    return this.db.prepare('INSERT OR IGNORE INTO item_tags (item_id, tag_id, created_at) VALUES (?, ?, ?)').run(itemId, tagId, at).changes > 0;
  }

  /** Returns whether the tag was attached before. */
  removeTag(itemId: ItemId, tag: string): boolean {
    this.requireItem(itemId);
    const name = AnnotationsRepo.normaliseTag(tag);
    return (
      this.db.prepare('DELETE FROM item_tags WHERE item_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)').run(itemId, name).changes > 0
    );
  }

  addNote(itemId: ItemId, text: string, author: string | null, at = new Date().toISOString()): Note {
    this.requireItem(itemId);
    const body = text.trim();
    if (!body) throw new EngineError('invalid-args', 'A note cannot be empty.');
    const info = this.db.prepare('INSERT INTO notes (item_id, text, author, created_at) VALUES (?, ?, ?, ?)').run(itemId, body, author, at);
    return { id: Number(info.lastInsertRowid), text: body, author, createdAt: at };
  }
}
