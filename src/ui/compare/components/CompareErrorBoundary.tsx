/** The last line of defence against a blank page: show what broke and a way back. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class CompareErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('The compare page failed to draw', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="cmp-notice cmp-crash" role="alert">
        <p>The page failed to draw: {this.state.error.message}</p>
        <p>
          <a href={window.location.pathname}>Open the default comparison</a>
        </p>
      </div>
    );
  }
}
