import { Banner } from '../../components/Banner';
import type { LinkRun } from './useLinkRun';
import './links.css';

/** The "Link now" button (`links.run`) and the error of its last run. */
export function LinkNowButton({ link, primary = false }: { readonly link: LinkRun; readonly primary?: boolean }) {
  return (
    <>
      <button
        type="button"
        className={primary ? 'primary' : undefined}
        onClick={link.run}
        disabled={link.running}
        title="Link the case now: same files, images and documents, numbers, holders, portraits, series, drafts, families and watchlist hits"
        data-testid="links-run"
        data-running={link.running}
      >
        {link.running ? 'Linking…' : 'Link now'}
      </button>
      {link.error && (
        <Banner tone="error" title="The linking pass failed." testId="links-run-error">
          {link.error}
        </Banner>
      )}
    </>
  );
}
