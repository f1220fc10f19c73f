import type { MrzView } from '../../../../native/engine/contract';

export interface MrzTextProps {
  readonly mrz: MrzView;
  readonly onFocus: (position: { line: number; column: number } | null) => void;
}

/**
 * The MRZ lines as read after correction, one span per character: failing characters (inside a field
 * or check digit that does not verify) and corrected ones are marked, with the original reading in the title.
 */
export function MrzText({ mrz, onFocus }: MrzTextProps) {
  const byPosition = new Map(mrz.chars.map((c) => [`${c.line}:${c.column}`, c]));
  const corrections = new Map(mrz.corrections.map((c) => [`${c.line}:${c.column}`, c]));
  return (
    <div className="mrz-text" data-testid="mrz-text" onMouseLeave={() => onFocus(null)}>
      {mrz.lines.map((line, l) => (
        <div key={l} className="mrz-line" data-testid="mrz-line">
          {[...line].map((ch, column) => {
            const state = byPosition.get(`${l}:${column}`)?.state ?? 'ok';
            const fix = corrections.get(`${l}:${column}`);
            const title = fix ? `read as ${fix.from}, corrected to ${fix.to} (${fix.reason})` : state === 'failing' ? 'in a field whose check digit fails' : undefined;
            return (
              <span
                key={column}
                className={`mrz-char ${state}`}
                title={title}
                onMouseEnter={() => onFocus({ line: l, column })}
                data-testid={state === 'failing' ? 'mrz-char-failing' : state === 'corrected' ? 'mrz-char-corrected' : undefined}
              >
                {ch}
              </span>
            );
          })}
        </div>
      ))}
    </div>
  );
}
