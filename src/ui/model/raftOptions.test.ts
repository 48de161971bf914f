import { describe, expect, it } from 'vitest';
import { raftWorldOptions, withProtocol, withToggles } from './raftOptions';

const protocols = ['raft', 'raft-pv-cq'];
const base = { protocol: 'raft', preVote: false, checkQuorum: false };

describe('PreVote and CheckQuorum toggles', () => {
  it('name the protocol raft-pv-cq when both are on, and raft otherwise', () => {
    expect(withToggles(base, true, true, protocols)).toEqual({ protocol: 'raft-pv-cq', preVote: true, checkQuorum: true });
    expect(withToggles(base, true, false, protocols)).toEqual({ protocol: 'raft', preVote: true, checkQuorum: false });
    expect(withToggles({ protocol: 'raft-pv-cq', preVote: true, checkQuorum: true }, true, false, protocols)).toEqual({ protocol: 'raft', preVote: true, checkQuorum: false });
  });

  it('stay on plain raft as options when raft-pv-cq is not registered', () => {
    expect(withToggles(base, true, true, ['raft'])).toEqual({ protocol: 'raft', preVote: true, checkQuorum: true });
    expect(raftWorldOptions({ protocol: 'raft', preVote: true, checkQuorum: true })).toEqual({ preVote: true, checkQuorum: true });
  });

  it('follow the protocol select: raft-pv-cq turns both on, raft both off', () => {
    expect(withProtocol({ protocol: 'raft', preVote: true, checkQuorum: false }, 'raft-pv-cq')).toEqual({ protocol: 'raft-pv-cq', preVote: true, checkQuorum: true });
    expect(withProtocol({ protocol: 'raft-pv-cq', preVote: true, checkQuorum: true }, 'raft')).toEqual(base);
  });

  it('are off for a protocol outside the Raft family', () => {
    expect(withToggles({ protocol: 'omnipaxos', preVote: false, checkQuorum: false }, true, true, [...protocols, 'omnipaxos'])).toEqual({ protocol: 'omnipaxos', preVote: false, checkQuorum: false });
  });

  it('give the world explicit options only where the preset does not already say them', () => {
    expect(raftWorldOptions(base)).toBeUndefined();
    expect(raftWorldOptions({ protocol: 'raft-pv-cq', preVote: true, checkQuorum: true })).toBeUndefined();
    expect(raftWorldOptions({ protocol: 'raft', preVote: false, checkQuorum: true })).toEqual({ preVote: false, checkQuorum: true });
  });
});
