import { useDraftSubmit } from '../../components/useDraftSubmit';
import type { FormEvent } from 'react';
import './item.css';

export interface TagEditorProps {
  readonly tags: readonly string[];
  /** Tags in use in the case, offered as suggestions. */
  readonly known: readonly string[];
  readonly onAdd: (tag: string) => Promise<void>;
  readonly onRemove: (tag: string) => Promise<void>;
}

/** Tag chips with remove buttons and an input that adds a tag on Enter. */
export function TagEditor({ tags, known, onAdd, onRemove }: TagEditorProps) {
  const draftField = useDraftSubmit(onAdd);
  const { draft, setDraft, busy } = draftField;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    draftField.submit();
  };

  return (
    <div className="section">
      {tags.length > 0 && (
        <div className="chips">
          {tags.map((tag) => (
            <span key={tag} className="chip" data-testid="tag-chip" data-tag={tag}>
              {tag}
              <button type="button" className="chip-remove" aria-label={`Remove tag ${tag}`} title="Remove tag" onClick={() => void onRemove(tag)} data-testid="tag-remove" />
            </span>
          ))}
        </div>
      )}
      <form className="tag-form" onSubmit={submit}>
        <input
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="Add tag and press Enter"
          list="caselens-known-tags"
          aria-label="Add tag"
          readOnly={busy}
          data-testid="tag-input"
        />
        <datalist id="caselens-known-tags">
          {known
            .filter((tag) => !tags.includes(tag))
            .map((tag) => (
              <option key={tag} value={tag} />
            ))}
        </datalist>
      </form>
    </div>
  );
}
