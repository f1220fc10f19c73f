import './links.css';

/** Grid-card badge of an item with watchlist hits in the newest linking pass (documents in it or their holders). */
export function WatchlistBadge({ hits }: { readonly hits: number }) {
  if (hits <= 0) return null;
  return (
    <span className="badge watchlist" title={`${hits} watchlist ${hits === 1 ? 'hit' : 'hits'} (newest linking pass)`} data-badge="watchlist" data-testid="watchlist-badge" data-hits={hits}>
      Watchlist{hits > 1 ? ` ${hits}` : ''}
    </span>
  );
}
