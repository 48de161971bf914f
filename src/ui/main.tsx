/**
 * The page's entry: read the link, explain anything wrong with it, start the
 * run, and draw. A bad parameter never leaves a blank page: it is replaced by
 * its default and explained in a dismissible notice.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { protocolNames } from '../engine/index';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { startRun } from './labActions';
import { parseLabParams } from './params/labParams';
import { useLabStore } from './store/labStore';

const { config, problems } = parseLabParams(window.location.search, protocolNames());
for (const problem of problems) useLabStore.getState().addNotice({ id: problem.code, tone: 'warning', text: problem.text });
// A link with clients is about their history: open on it.
if (config.clients > 0) useLabStore.getState().setStageTab('history');
startRun(config);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
