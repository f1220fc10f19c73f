import { useEffect, useState } from 'react';
import type { CaseId, DocumentId, ItemId, Note } from '../../../../native/engine/contract';
import { useEngine } from '../../bridge/client';
import { Banner } from '../../components/Banner';
import { errorMessage } from '../../components/format';
import { useAsyncData } from '../../components/useAsyncData';
import { ForensicsSection } from '../forensics/ForensicsSection';
import { OccurrencesSection } from '../links/OccurrencesSection';
import { ItemFacts } from './ItemFacts';
import { ItemHashes } from './ItemHashes';
import { ItemPreview } from './ItemPreview';
import { ItemText } from './ItemText';
import { ItemTimes } from './ItemTimes';
import { NotesSection } from './NotesSection';
import { PanelSection } from './PanelSection';
import { RawMetadata } from './RawMetadata';
import { SiblingStrip } from './SiblingStrip';
import { TagEditor } from './TagEditor';
import './item.css';

export interface ItemPanelProps {
  readonly caseId: CaseId;
  readonly itemId: ItemId;
  readonly dataVersion: number;
  readonly onOpenItem: (itemId: ItemId) => void;
  readonly onOpenDocument: (documentId: DocumentId) => void;
  readonly onClose: () => void;
  /** Tags or notes changed: other views should refresh. */
  readonly onChanged: () => void;
}

/** Local edits shown before the refreshed detail arrives. */
interface Patch {
  readonly itemId: ItemId;
  readonly tags?: readonly string[];
  readonly notes?: readonly Note[];
}

/** Side panel with everything known about one item (`items.get`), its tags and notes. */
export function ItemPanel({ caseId, itemId, dataVersion, onOpenItem, onOpenDocument, onClose, onChanged }: ItemPanelProps) {
  const { client, assetUrl } = useEngine();
  const detail = useAsyncData(() => client.call('items.get', { caseId, itemId }), [client, caseId, itemId, dataVersion]);
  const known = useAsyncData(() => client.call('tags.list', { caseId }), [client, caseId, dataVersion]);
  const text = useAsyncData(() => client.call('items.text', { caseId, itemId }), [client, caseId, itemId, dataVersion]);
  const itemBoxes = (text.data ?? []).flatMap((line) => (line.space === 'item' && line.box ? [line.box] : []));
  const [patch, setPatch] = useState<Patch | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  useEffect(() => setPatch(null), [detail.data]);
  useEffect(() => setActionError(null), [itemId]);

  const base = detail.data;
  const own = patch && base && patch.itemId === base.id ? patch : null;
  const item = base && own ? { ...base, tags: own.tags ?? base.tags, notes: own.notes ?? base.notes } : base;
  const stale = item !== undefined && item.id !== itemId;

  const run = async (action: () => Promise<void>) => {
    setActionError(null);
    try {
      await action();
      onChanged();
    } catch (failure) {
      setActionError(errorMessage(failure));
      throw failure;
    }
  };
  const setTags = (id: ItemId, tags: readonly string[]) => setPatch((current) => ({ ...(current?.itemId === id ? current : {}), itemId: id, tags }));
  const addTag = (tag: string) =>
    run(async () => {
      if (!item) return;
      setTags(item.id, await client.call('tags.add', { caseId, itemId: item.id, tag }));
    });
  const removeTag = (tag: string) =>
    run(async () => {
      if (!item) return;
      setTags(item.id, await client.call('tags.remove', { caseId, itemId: item.id, tag }));
    }).catch(() => undefined);
  const addNote = (text: string) =>
    run(async () => {
      if (!item) return;
      const note = await client.call('notes.add', { caseId, itemId: item.id, text });
      const notes = [...item.notes, note];
      setPatch((current) => ({ ...(current?.itemId === item.id ? current : {}), itemId: item.id, notes }));
    });

  return (
    <aside className="item-panel" aria-label="Item details" data-testid="item-panel" data-item-id={item?.id}>
      <div className="item-panel-header">
        <h2 data-testid="item-name">{item?.name ?? 'Loading…'}</h2>
        <button type="button" className="ghost" onClick={onClose} title="Close (Escape)">
          Close
        </button>
      </div>
      {detail.error && !item && (
        <div className="item-panel-body">
          <Banner tone="error" title="Could not load the item.">
            {detail.error}
          </Banner>
        </div>
      )}
      {item && (
        <div className={stale ? 'item-panel-body stale' : 'item-panel-body'} aria-busy={detail.loading}>
          {item.error && (
            <Banner tone="error" title="Processing error" testId="item-error">
              {item.error}
            </Banner>
          )}
          <ItemPreview detail={item} src={assetUrl(caseId, item.id, 'preview')} boxes={stale ? [] : itemBoxes} />
          <PanelSection title="Tags">
            <TagEditor tags={item.tags} known={known.data ?? []} onAdd={addTag} onRemove={removeTag} />
          </PanelSection>
          {actionError && (
            <Banner tone="error" title="The change was not saved.">
              {actionError}
            </Banner>
          )}
          <ItemText lines={text} onOpenDocument={onOpenDocument} />
          <OccurrencesSection caseId={caseId} entityRef={`item:${item.id}`} dataVersion={dataVersion} onOpenItem={onOpenItem} onOpenDocument={onOpenDocument} onLinked={onChanged} />
          <ForensicsSection caseId={caseId} detail={item} dataVersion={dataVersion} />
          <ItemFacts detail={item} />
          <ItemTimes detail={item} />
          <ItemHashes detail={item} />
          <PanelSection title="Exact duplicates" note="Same SHA-256" testId="item-duplicates">
            {item.duplicates.length === 0 ? (
              <div className="muted">None.</div>
            ) : (
              <SiblingStrip caseId={caseId} items={item.duplicates} testId="duplicate-sibling" onOpen={onOpenItem} />
            )}
          </PanelSection>
          <PanelSection title="Near-duplicates" note="Perceptual hash, Hamming distance" testId="item-near-duplicates">
            {item.nearDuplicates.length === 0 ? (
              <div className="muted">None.</div>
            ) : (
              <SiblingStrip caseId={caseId} items={item.nearDuplicates} testId="near-duplicate-sibling" onOpen={onOpenItem} />
            )}
          </PanelSection>
          <PanelSection title="Notes">
            <NotesSection notes={item.notes} onAdd={addNote} />
          </PanelSection>
          <RawMetadata metadata={item.metadata} />
        </div>
      )}
    </aside>
  );
}
