export { createEngine, serveEngine, type Engine, type EngineOptions } from './engine';
export { memoryTransportPair, messagePortTransport, type PortLike } from './transports';
export { startBrowserServer, type BrowserServer } from './http-server';
export type { AssetVariant, ResolvedAsset } from './assets';
