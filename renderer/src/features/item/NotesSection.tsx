import { useDraftSubmit } from '../../components/useDraftSubmit';
import type { Note } from '../../../../native/engine/contract';
import { formatTimestamp } from '../../components/format';
import './item.css';

export interface NotesSectionProps {
  readonly notes: readonly Note[];
  readonly onAdd: (text: string) => Promise<void>;
}

/** The examiner's notes on an item, oldest first, and a field to add one (Ctrl+Enter adds). */
export function NotesSection({ notes, onAdd }: NotesSectionProps) {
  const { draft, setDraft, busy, submit: add } = useDraftSubmit(onAdd);

  return (
    <div className="section">
      {notes.length === 0 ? (
        <div className="muted">No notes.</div>
      ) : (
        <ul className="notes">
          {notes.map((note) => (
            <li key={note.id} className="note" data-testid="note-entry">
              <div className="note-text">{note.text}</div>
              <div className="note-meta">
                {note.author ?? 'Unknown examiner'} · {formatTimestamp(note.createdAt)}
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="note-form">
        <textarea
          rows={3}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              add();
            }
          }}
          placeholder="Observation, reasoning, next step…"
          aria-label="New note"
          readOnly={busy}
          data-testid="note-input"
        />
        <button type="button" onClick={add} disabled={!draft.trim() || busy} data-testid="note-add">
          Add note
        </button>
      </div>
    </div>
  );
}
