import { formatMetadataValue } from '../../components/format';
import './item.css';

function entriesOf(block: unknown): [string, unknown][] {
  if (block !== null && typeof block === 'object' && !Array.isArray(block)) return Object.entries(block as Record<string, unknown>);
  return [['value', block]];
}

/** Every metadata tag the engine read, grouped by block, in a collapsed section. */
export function RawMetadata({ metadata }: { readonly metadata: Readonly<Record<string, unknown>> }) {
  const blocks = Object.entries(metadata);
  const count = blocks.reduce((sum, [, block]) => sum + entriesOf(block).length, 0);
  return (
    <details className="raw-metadata" data-testid="item-raw-metadata">
      <summary>
        All metadata tags ({count} in {blocks.length} {blocks.length === 1 ? 'block' : 'blocks'})
      </summary>
      {blocks.length === 0 && <div className="muted">No embedded metadata.</div>}
      {blocks.map(([name, block]) => (
        <div className="raw-block" key={name}>
          <h4>{name}</h4>
          <table className="data">
            <tbody>
              {entriesOf(block).map(([key, value]) => (
                <tr key={key}>
                  <td>{key}</td>
                  <td>{formatMetadataValue(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </details>
  );
}
