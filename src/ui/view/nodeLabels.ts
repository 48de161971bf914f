/**
 * Accessible names and short descriptions of nodes and links. Screen readers
 * and the browser tests find a node by these names, so they are stable:
 * "n3, leader, term 4", "n3, crashed", "link n1–n3, up".
 */
import type { LinkVM, NodeVM } from '../model/types';
import { roleStyles } from './palette';

export function nodeAccessibleName(node: NodeVM): string {
  if (node.role === 'crashed') return `${node.name}, crashed`;
  return `${node.name}, ${roleStyles[node.role].label}, term ${node.term}`;
}

const name = (id: number) => `n${id + 1}`;

/** "up", "cut", or which one way is cut. */
export function linkStateText(link: LinkVM): string {
  if (link.upAB && link.upBA) return 'up';
  if (!link.upAB && !link.upBA) return 'cut';
  return link.upAB ? `cut one way, ${name(link.b)}→${name(link.a)}` : `cut one way, ${name(link.a)}→${name(link.b)}`;
}

export function linkAccessibleName(link: LinkVM): string {
  return `link ${name(link.a)}–${name(link.b)}, ${linkStateText(link)}`;
}

/** What activating a node or link will do, for its tooltip. */
export function nodeActionHint(node: NodeVM): string {
  return node.role === 'crashed' ? `Restart ${node.name}` : `Crash ${node.name}`;
}

export function linkActionHint(link: LinkVM): string {
  const both = link.upAB && link.upBA ? 'cut' : 'heal';
  return `Enter or click: ${both} both ways. Shift+Enter: toggle ${name(link.a)}→${name(link.b)} only; Alt+Enter: ${name(link.b)}→${name(link.a)} only. Shift+click toggles the direction leaving the nearer end.`;
}
