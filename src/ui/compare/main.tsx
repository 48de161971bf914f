/**
 * The compare page's entry: read the link, explain anything wrong with it,
 * open the scenario on the three protocols, and draw.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CompareErrorBoundary } from './components/CompareErrorBoundary';
import { CompareApp } from './CompareApp';
import { addNotice, openScenario } from './compareActions';
import { parseCompareParams } from './params/compareParams';

const { params, problems } = parseCompareParams(window.location.search);
for (const problem of problems) addNotice(problem.code, problem.text);
openScenario(params.scenario, params.seed);

const root = document.getElementById('root');
if (root === null) throw new Error('compare.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <CompareErrorBoundary>
      <CompareApp />
    </CompareErrorBoundary>
  </StrictMode>,
);
