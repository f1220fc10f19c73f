import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { VerifiedFileView } from '../../../../native/engine/contract';
import { filesBadFirst, shortHash } from './verify-view';

export interface VerifyFilesTableProps {
  readonly files: readonly VerifiedFileView[];
}

/** Row height in px: one line of 12 px text with padding; fixed so the virtualiser need not measure. */
const ROW_HEIGHT = 26;
/** Rows drawn beyond the visible ones, so fast scrolling shows no blank rows. */
const OVERSCAN = 12;

/**
 * Every checked file, the bad ones first: status, path, manifest, expected and actual digest (shortened; the full
 * value is the cell's tooltip and selectable text). Virtualised: only the visible rows are in the DOM, so a package
 * of many thousand files scrolls as fast as one of ten.
 */
export function VerifyFilesTable({ files }: VerifyFilesTableProps) {
  const sorted = useMemo(() => filesBadFirst(files), [files]);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({ count: sorted.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN, useFlushSync: false });
  return (
    <div className="pkg-files" data-testid="pkg-verify-files" data-count={sorted.length}>
      <div className="pkg-files-row pkg-files-head" role="row">
        <span>Status</span>
        <span>Path</span>
        <span>Manifest</span>
        <span>Expected</span>
        <span>Actual</span>
      </div>
      <div className="pkg-files-scroll" ref={scrollRef} role="table" aria-label="Files checked">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const file = sorted[row.index]!;
            const mismatch = file.status === 'changed';
            return (
              <div
                key={row.key}
                className={`pkg-files-row status-${file.status}`}
                role="row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                data-testid="pkg-verify-file"
                data-status={file.status}
                data-path={file.path}
              >
                <span className={`pkg-status pkg-status-${file.status}`}>{file.status}</span>
                <span className="mono pkg-path" title={file.path}>
                  <bdi>{file.path}</bdi>
                </span>
                <span className="mono muted">{file.manifest ?? '—'}</span>
                <span className="mono" title={file.expected ?? ''}>
                  {shortHash(file.expected)}
                </span>
                <span className={`mono${mismatch ? ' pkg-bad' : ''}`} title={file.actual ?? ''}>
                  {shortHash(file.actual)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
