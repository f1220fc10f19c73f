import { useEffect, useRef, useState } from 'react';
import type { CaseId, SearchHit } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { errorMessage } from '../../components/format';
import './search.css';

/** Wait this long after the last keystroke before searching: one query per pause, not per key. */
const SEARCH_DEBOUNCE_MS = 250;
/** Hits listed under the box; a longer list is a report, not a search suggestion. */
const HIT_LIMIT = 50;

const SOURCE_LABEL: Readonly<Record<SearchHit['line']['source'], string>> = { mrz: 'MRZ', viz: 'Printed field', ocr: 'OCR text' };

export interface SearchBoxProps {
  readonly caseId: CaseId;
  readonly onOpen: (hit: SearchHit) => void;
}

/** Case-wide search over every MRZ, printed-field and OCR line (diacritics- and script-insensitive). */
export function SearchBox({ caseId, onOpen }: SearchBoxProps) {
  const { client } = useEngine();
  const [text, setText] = useState('');
  /** Hits and the query they answer: hits of an earlier query are never shown for a newer one. */
  const [answer, setAnswer] = useState<{ query: string; hits: readonly SearchHit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setAnswer(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      client.call('search.query', { caseId, text: query, limit: HIT_LIMIT }).then(
        (result) => {
          if (!current) return;
          setAnswer({ query, hits: result });
          setError(null);
        },
        (failure: unknown) => current && setError(errorMessage(failure)),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [caseId, client, text]);

  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const hits = answer && answer.query === text.trim() ? answer.hits : null;
  return (
    <div className="search-box" ref={box}>
      <input
        type="search"
        placeholder="Search names, numbers, dates…"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
          if (event.key === 'Enter' && hits?.[0]) {
            onOpen(hits[0]);
            setOpen(false);
          }
        }}
        aria-label="Search the case"
        data-testid="search-input"
      />
      {open && text.trim() && (
        <div className="search-results" data-testid="search-results" data-count={hits?.length ?? -1}>
          {error && <div className="search-error">{error}</div>}
          {hits && hits.length === 0 && <div className="muted search-empty">No text in this case matches.</div>}
          {hits?.map((hit) => (
            <button
              key={hit.line.id}
              type="button"
              className="search-hit"
              onClick={() => {
                onOpen(hit);
                setOpen(false);
              }}
              data-testid="search-hit"
              data-document-id={hit.line.documentId ?? undefined}
            >
              <span className="search-hit-text mono">{hit.line.text}</span>
              <span className="muted search-hit-meta">
                {SOURCE_LABEL[hit.line.source]} · {hit.exhibitLabel} · {hit.itemName}
              </span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
