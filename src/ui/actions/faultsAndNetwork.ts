/** What the operator does to the cluster: crash and restart, cut and heal links, network dials, client commands, leadership transfer. */
import { reliableSettings, unreliableSettings } from '../model/linkSettings';
import type { LinkSettingsVM, LinkVM } from '../model/types';
import { act, session, store } from './currentRun';

let commandCounter = 0;

export function crashNode(node: number): void {
  act({ type: 'crash', node });
}

export function restartNode(node: number): void {
  act({ type: 'restart', node });
}

/** Crash a running node, restart a crashed one. */
export function toggleNode(node: number): void {
  const vm = store().nodes[node];
  if (vm === undefined) return;
  if (vm.role === 'crashed') restartNode(node);
  else crashNode(node);
}

export function cutLink(from: number, to: number, bothWays: boolean): void {
  act({ type: 'cut', from, to, bothWays });
}

export function healLink(from: number, to: number, bothWays: boolean): void {
  act({ type: 'heal', from, to, bothWays });
}

/** Both ways: heal if any direction is down, else cut. */
export function toggleLink(link: LinkVM): void {
  if (link.upAB && link.upBA) cutLink(link.a, link.b, true);
  else healLink(link.a, link.b, true);
}

/** One way only: cut or heal what travels from → to. */
export function toggleDirection(link: LinkVM, from: number): void {
  const to = from === link.a ? link.b : link.a;
  const up = from === link.a ? link.upAB : link.upBA;
  if (up) cutLink(from, to, false);
  else healLink(from, to, false);
}

export function healAll(): void {
  act({ type: 'healAll' });
}

/** Send a client command to whoever leads now; say what became of it. */
export function propose(): void {
  const current = session;
  if (current === null) return;
  if (store().config.shards !== null) {
    store().setProposalNote('A sharded store takes its load from its clerks (the Clients setting), each request routed to the group that owns its key.');
    return;
  }
  commandCounter++;
  const body = `set k${commandCounter % 10} = v${commandCounter}`;
  void current.act({ type: 'propose', node: null, body, bytes: body.length });
  void current
    .read((world) => world.base.lastProposal())
    .then((outcome) => {
      if (outcome === null || outcome === undefined || current !== session) return;
      const to = outcome.node >= 0 ? `n${outcome.node + 1}` : 'no leader';
      const text =
        outcome.node < 0
          ? `Command #${outcome.commandId} refused: there is no leader right now.`
          : outcome.accepted === false
            ? `Command #${outcome.commandId} refused by ${to}${outcome.leaderHint >= 0 ? `; it points to n${outcome.leaderHint + 1}` : ''}.`
            : `Command #${outcome.commandId} (“${body}”) appended by ${to}.`;
      store().setProposalNote(text);
    });
}

/**
 * Ask the current leader to hand leadership to `target` (thesis §3.10): it
 * stops taking commands, brings the target's log up to date and sends it
 * TimeoutNow, on which the target campaigns at once.
 */
export function transferLeadership(target: number): void {
  const group = store().shards?.groups.find((g) => g.servers.some((server) => server.id === target));
  // A sharded world: the target's own group hands over, and the replica names its peers inside the group.
  const leader = group === undefined ? store().leader : group.leader;
  const base = group === undefined ? 0 : group.servers[0].id;
  const name = (id: number) => `n${id + 1}`;
  if (leader === null) {
    store().setTransferNote('There is no leader to hand over from right now.');
    return;
  }
  if (leader === target) {
    store().setTransferNote(`${name(target)} already leads.`);
    return;
  }
  act({ type: 'control', node: leader, action: 'transfer-leadership', target: target - base });
  store().setTransferNote(`Asked ${name(leader)} to hand leadership to ${name(target)}: watch for TimeoutNow.`);
}

// --- network dials -------------------------------------------------------------

/** Which link the dials act on: a pair of replicas, or null for every link. */
export function setNetScope(scope: { a: number; b: number } | null): void {
  store().setNetScope(scope === null ? null : { a: Math.min(scope.a, scope.b), b: Math.max(scope.a, scope.b) });
}

/**
 * Set link settings now, as `setNetwork` actions (so they are in the action
 * log and replay): every link (clerks' too), or both directions of one link.
 */
export function applyLinkSettings(settings: LinkSettingsVM): void {
  const scope = store().netScope;
  const values = { latencyMinUs: settings.latencyMinUs, latencyMaxUs: settings.latencyMaxUs, lossRatio: settings.lossRatio, duplicateRatio: settings.duplicateRatio };
  if (scope === null) {
    act({ type: 'setNetwork', from: null, to: null, ...values });
    return;
  }
  void session?.actAll([
    { type: 'setNetwork', from: scope.a, to: scope.b, ...values },
    { type: 'setNetwork', from: scope.b, to: scope.a, ...values },
  ]);
}

/** The 6.824 tester's unreliable network on the chosen links. */
export function applyUnreliablePreset(): void {
  applyLinkSettings(unreliableSettings);
}

export function applyReliablePreset(): void {
  applyLinkSettings(reliableSettings);
}
