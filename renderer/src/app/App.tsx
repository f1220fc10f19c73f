import { useCallback, useEffect, useState } from 'react';
import { useEngine } from '../bridge/client';
import { Banner } from '../components/Banner';
import type { CaseId } from '../../../native/engine/contract';
import { CaseListScreen } from '../features/cases/CaseListScreen';
import { TemplateAuthoring } from '../features/templates/TemplateAuthoring';
import { TemplatesScreen } from '../features/templates/TemplatesScreen';
import { CaseWorkspace } from '../features/workspace/CaseWorkspace';
import { formatRoute, parseRoute } from './route';
import type { Route } from './route';
import { StatusBar } from './StatusBar';
import './app.css';

/** Top level: app bar, the current screen (case list, case workspace, template library or authoring) and the status bar. */
export function App() {
  const engine = useEngine();
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  /** The case opened last: template trials offer its documents first. */
  const [lastCaseId, setLastCaseId] = useState<CaseId | null>(null);
  const routeCaseId = route.view === 'case' ? route.caseId : null;
  useEffect(() => {
    if (routeCaseId) setLastCaseId(routeCaseId);
  }, [routeCaseId]);

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
        <button type="button" className="app-bar-link" aria-current={route.view === 'cases' || route.view === 'case' ? 'page' : undefined} onClick={() => navigate({ view: 'cases' })}>
          Cases
        </button>
        <button
          type="button"
          className="app-bar-link"
          aria-current={route.view === 'templates' || route.view === 'template-new' ? 'page' : undefined}
          onClick={() => navigate({ view: 'templates' })}
          data-testid="templates-nav"
        >
          Templates
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
        ) : route.view === 'templates' ? (
          <TemplatesScreen
            selected={route.template ?? null}
            onSelect={(template) => navigate(template ? { view: 'templates', template } : { view: 'templates' })}
            onNew={(from) => navigate(from ? { view: 'template-new', from } : { view: 'template-new' })}
          />
        ) : route.view === 'template-new' ? (
          <TemplateAuthoring
            key={route.from ? `${route.from.id}@${route.from.version}` : 'new'}
            from={route.from}
            preferredCaseId={lastCaseId}
            onLibrary={(template) => navigate(template ? { view: 'templates', template } : { view: 'templates' })}
          />
        ) : (
          <CaseWorkspace key={route.caseId} caseId={route.caseId} tab={route.tab} documentId={route.documentId} itemId={route.itemId} linkRef={route.linkRef} navigate={navigate} />
        )}
      </main>
      <StatusBar />
    </div>
  );
}
