import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { createEngine, EngineContext } from './bridge/client';
import './app/theme.css';

const engine = createEngine();
const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <EngineContext.Provider value={engine}>
        <App />
      </EngineContext.Provider>
    </ErrorBoundary>
  </StrictMode>,
);
