import type { ItemDetail } from '../../../../native/engine/contract';
import { KeyValueList } from './KeyValueList';
import { PanelSection } from './PanelSection';
import './item.css';

/** Cryptographic and perceptual hashes, monospace and selectable with one click. */
export function ItemHashes({ detail }: { readonly detail: ItemDetail }) {
  const hash = (value: string | null, testId: string) =>
    value ? (
      <span className="hash-value" data-testid={testId}>
        {value}
      </span>
    ) : null;
  return (
    <PanelSection title="Hashes" testId="item-hashes">
      <KeyValueList
        rows={[
          ['SHA-256', hash(detail.sha256, 'hash-sha256')],
          ['SHA-1', hash(detail.sha1, 'hash-sha1')],
          ['MD5', hash(detail.md5, 'hash-md5')],
          ['Perceptual', hash(detail.phash, 'hash-phash')],
        ]}
      />
    </PanelSection>
  );
}
