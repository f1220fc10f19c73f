import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import './app.css';

interface ErrorBoundaryState {
  readonly error: Error | null;
}

/** Catches rendering errors so a defect shows a readable report instead of a blank window. */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('CaseLens renderer error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h1>The workstation view failed</h1>
        <p className="muted">No evidence was changed. Reload the window to continue; the error below helps the developers.</p>
        <pre className="mono">{this.state.error.stack ?? this.state.error.message}</pre>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
