import { useCallback, useEffect, useState } from 'react';
import { useEngine } from '../bridge/client';
import { Banner } from '../components/Banner';
import { CaseListScreen } from '../features/cases/CaseListScreen';
import { CaseWorkspace } from '../features/workspace/CaseWorkspace';
import { formatRoute, parseRoute } from './route';
import type { Route } from './route';
import { StatusBar } from './StatusBar';
import './app.css';

/** Top level: app bar, the current screen (case list or case workspace) and the status bar. */
export function App() {
  const engine = useEngine();
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));

  useEffect(() => {
    const onHashChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const navigate = useCallback((next: Route) => {
    const hash = formatRoute(next);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute(next);
  }, []);

  return (
    <div className="app">
      <header className="app-bar">
        <span className="app-brand">
          <span className="app-brand-mark" aria-hidden="true" />
          CaseLens
        </span>
        <button type="button" className="app-bar-link" onClick={() => navigate({ view: 'cases' })}>
          Cases
        </button>
        <span className="app-bar-spacer" />
        <span className="muted">Evidence workstation</span>
      </header>
      {!engine.authenticated && (
        <div className="app-notice">
          <Banner tone="error" title="No access token.">
            Open CaseLens with the link printed by the engine (it contains ?token=…).
          </Banner>
        </div>
      )}
      <main className="app-main">
        {route.view === 'cases' ? (
          <CaseListScreen onOpen={(caseId) => navigate({ view: 'case', caseId, tab: 'evidence' })} />
        ) : (
          <CaseWorkspace key={route.caseId} caseId={route.caseId} tab={route.tab} documentId={route.documentId} itemId={route.itemId} navigate={navigate} />
        )}
      </main>
      <StatusBar />
    </div>
  );
}
