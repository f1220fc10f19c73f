import type { ReactNode } from 'react';
import './item.css';

/** One row: label, value (null shows a dash) and whether the value is monospace. */
export type KeyValue = readonly [label: string, value: ReactNode | null | undefined, mono?: boolean];

/** Label/value pairs as a two-column definition list; values are selectable. */
export function KeyValueList({ rows }: { readonly rows: readonly KeyValue[] }) {
  return (
    <dl className="kv">
      {rows.map(([label, value, mono]) => {
        const empty = value === null || value === undefined || value === '';
        return (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd className={empty ? 'empty' : mono ? 'mono' : undefined}>{empty ? '—' : value}</dd>
          </div>
        );
      })}
    </dl>
  );
}
