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
import { openPermalink, startBuiltInScenario, startRun } from './labActions';
import { parseLabParams } from './params/labParams';
import { useLabStore } from './store/labStore';

const query = new URLSearchParams(window.location.search);
const { config, problems } = parseLabParams(window.location.search, protocolNames());
for (const problem of problems) useLabStore.getState().addNotice({ id: problem.code, tone: 'warning', text: problem.text });
if (query.get('classroom') === '1') useLabStore.getState().setClassroom(true);
// A link with clients is about their history: open on it.
if (config.clients > 0) useLabStore.getState().setStageTab('history');
const runParam = query.get('run');
const scenarioParam = query.get('scenario');
if (runParam !== null) {
  void openPermalink(runParam, config);
} else if (scenarioParam !== null) {
  if (!startBuiltInScenario(scenarioParam)) {
    useLabStore.getState().addNotice({ id: 'bad-scenario', tone: 'warning', text: `The link names a scenario, "${scenarioParam.slice(0, 60)}", that is not one of this lab's; started the default run instead.` });
    startRun(config);
  }
} else {
  startRun(config);
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
