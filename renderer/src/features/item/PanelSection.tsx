import type { ReactNode } from 'react';
import './item.css';

export interface PanelSectionProps {
  readonly title: string;
  readonly note?: string;
  readonly children: ReactNode;
  readonly testId?: string;
}

/** A titled group of the item panel. */
export function PanelSection({ title, note, children, testId }: PanelSectionProps) {
  return (
    <section className="section" aria-label={title} data-testid={testId}>
      <div className="section-title">
        <h3>{title}</h3>
        {note && <span className="section-note">{note}</span>}
      </div>
      {children}
    </section>
  );
}
