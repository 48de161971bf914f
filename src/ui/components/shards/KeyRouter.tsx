/**
 * Where a key lives: key → shard (the clerks' key2shard) → the shard's owner
 * in the newest configuration → that group's servers, up or down, with its
 * leader. It follows configuration changes as they happen.
 */
import { useState } from 'react';
import { routeKey } from '../../engine/shardProjection';
import { useLabStore } from '../../store/labStore';
import { groupStyle, unownedStyle } from '../../view/palette';
import { keyRouteText } from '../../view/shardLabels';

/** The longest key the router takes (keys are short names like k7). */
const maxKeyLength = 64;

export function KeyRouter() {
  const shards = useLabStore((s) => s.shards);
  const [key, setKey] = useState('k1');
  if (shards === null) return null;
  const route = routeKey(key, shards);
  const style = route === null || route.owner === 0 ? unownedStyle : groupStyle(route.owner);
  return (
    <div className="key-router" role="group" aria-label="Key router">
      <label>
        <span className="control-label">Route a key</span>
        <input type="text" value={key} maxLength={maxKeyLength} spellCheck={false} aria-label="Key" onChange={(e) => setKey(e.currentTarget.value)} />
      </label>
      <output className="key-route" aria-live="polite" aria-label="Route" data-testid="key-route" data-shard={route?.shard} data-owner={route?.owner}>
        {route === null ? (
          <span className="muted">Type a key to see its shard and the group that serves it.</span>
        ) : (
          <>
            <span className="sr-only">{keyRouteText(route)}</span>
            <span aria-hidden="true" className="route-steps">
              <code>{route.key}</code>
              <span className="route-arrow">→</span>
              <span>shard {route.shard}</span>
              <span className="route-arrow">→</span>
              <span className="route-group" style={{ background: style.soft, color: style.ink, borderColor: style.color }}>
                {route.owner === 0 ? 'no group' : `g${route.owner}`}
              </span>
              {route.servers.length > 0 && <span className="route-arrow">→</span>}
              {route.servers.map((server) => (
                <span key={server.id} className={`route-server${server.up ? '' : ' route-server-down'}${server.leader ? ' route-server-leader' : ''}`}>
                  {server.name}
                  {server.leader ? ' ★' : ''}
                </span>
              ))}
              <span className="muted route-state">({route.state})</span>
            </span>
          </>
        )}
      </output>
    </div>
  );
}
