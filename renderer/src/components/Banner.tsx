import type { ReactNode } from 'react';
import './components.css';

export interface BannerProps {
  readonly tone: 'error' | 'warn' | 'ok';
  readonly title?: string;
  readonly children?: ReactNode;
  readonly testId?: string;
}

/** A message strip for errors, warnings and confirmations. */
export function Banner({ tone, title, children, testId }: BannerProps) {
  return (
    <div className={`banner ${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {title && <span className="banner-title">{title}</span>}
      {children && <span>{children}</span>}
    </div>
  );
}
