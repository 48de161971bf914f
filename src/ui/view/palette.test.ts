import { describe, expect, it } from 'vitest';
import { isResponse, knownMessageFamilies, messageStyle } from './palette';

describe('message palette', () => {
  it('gives the legend the families of the protocol being run', () => {
    expect(knownMessageFamilies('raft').map((f) => f.family)).toEqual(['AppendEntries', 'RequestVote', 'PreVote', 'InstallSnapshot', 'TimeoutNow']);
    expect(knownMessageFamilies('raft-pv-cq')).toEqual(knownMessageFamilies('raft'));
    expect(knownMessageFamilies('omnipaxos').map((f) => f.family)).toEqual(['BLE heartbeat', 'Prepare / Promise', 'AcceptSync', 'AcceptDecide / Accepted / Decide']);
  });

  it('draws every legend example in its own family colour', () => {
    for (const protocol of ['raft', 'omnipaxos']) {
      for (const f of knownMessageFamilies(protocol)) {
        expect(messageStyle(f.request).color).toBe(f.color);
        if (f.response !== null) {
          expect(messageStyle(f.response).color).toBe(f.color);
          expect(isResponse(f.response)).toBe(true);
        }
        expect(isResponse(f.request)).toBe(false);
      }
    }
  });

  it("draws OmniPaxos's answers hollow", () => {
    expect(isResponse('Promise')).toBe(true);
    expect(isResponse('Accepted')).toBe(true);
    expect(isResponse('AcceptDecide')).toBe(false);
    expect(isResponse('Decide')).toBe(false);
  });
});
