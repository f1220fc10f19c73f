import { useState, useSyncExternalStore } from 'react';
import { useEngine } from '../bridge/client';
import { useAsyncData } from '../components/useAsyncData';
import { WorkstationPanel } from '../features/packages/WorkstationPanel';
import './app.css';

const STATUS_LABEL = { connecting: 'Connecting to engine', connected: 'Engine connected', disconnected: 'Engine connection lost' } as const;

/** Bottom strip: connection state, host, engine version and data folder. */
export function StatusBar() {
  const engine = useEngine();
  const status = useSyncExternalStore(engine.connection.subscribe, engine.connection.get);
  const info = useAsyncData(() => engine.client.call('app.info', {}), [engine]);
  const [panelOpen, setPanelOpen] = useState(false);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>
        <span className={`status-dot ${status}`} aria-hidden="true" />
        {STATUS_LABEL[status]}
      </span>
      <span>{engine.host === 'electron' ? 'Desktop' : 'Browser mode'}</span>
      {info.data && <span>Engine {info.data.version}</span>}
      {info.data && <span className="path" title={info.data.dataDir}>Data folder: {info.data.dataDir}</span>}
      {info.error && <span>Engine info unavailable: {info.error}</span>}
      <button type="button" className="ghost status-workstation" onClick={() => setPanelOpen(true)} data-testid="workstation-button" title="Version and the unit key's fingerprint">
        Workstation
      </button>
      {panelOpen && <WorkstationPanel onClose={() => setPanelOpen(false)} />}
    </footer>
  );
}
