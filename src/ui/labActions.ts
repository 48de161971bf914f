/**
 * The page's named intents, one per thing a user can do. Components call
 * these; they drive the current session and update the store. There is one
 * session at a time: changing the seed or resetting replaces it.
 *
 * The intents live in src/ui/actions by what they are about; this file is
 * the one place components import them from.
 */
export { startRun } from './actions/currentRun';
export { pause, play, reset, setBug, setClients, setHost, setNodeCount, setProtocol, setRaftOption, setSeed, setSpeed, speedUp, stepEvent, togglePlay } from './actions/runControl';
export { applyLinkSettings, applyReliablePreset, applyUnreliablePreset, crashNode, cutLink, healAll, healLink, propose, restartNode, setNetScope, toggleDirection, toggleLink, toggleNode, transferLeadership } from './actions/faultsAndNetwork';
export { cancelCheck, cancelCompare, checkLinearizability, compareHostsNow, focusHistory, followHistory, panHistory, setHistoryWidth } from './actions/historyCheck';
export { jumpTo, jumpToOperation, seekTo, stepBack, switchBranch } from './actions/timeTravel';
export { currentNarrationStep, goToNarrationStep, narrationBack, narrationNext, openScenarioText, startBuiltInScenario, startScenario } from './actions/scenarios';
export { copyLink, exportRun, importRunText, openPermalink, startRunFile } from './actions/runFiles';
export { closeProblemDialog, dismissNotice, followSpaceTime, panSpaceTime, selectNode, setClassroom, setSpaceTimeClients, setSpaceTimeWidth, setStageTab, toggleShortcuts } from './actions/pageView';
export { chooseShardMove, joinGroup, leaveGroup, moveShard, openGroup, setShardGroups } from './actions/shards';
