import type { ConversationStatus } from '../model/types.js';

export type CareEvent = 'follower-message' | 'agent-message' | 'finish';

/**
 * K2: a follower's message makes a new or finished chat unanswered; an agent's message makes it
 * active (the agent takes it); finishing makes it finished.
 */
export function nextCareStatus(status: ConversationStatus | undefined, event: CareEvent): ConversationStatus {
  switch (event) {
    case 'follower-message':
      return status === undefined || status === 'finished' ? 'unanswered' : status;
    case 'agent-message':
      return 'active';
    case 'finish':
      return 'finished';
  }
}

/** K3: an agent may write in a chat another agent owns only with an explicit overtake. */
export function ownershipRefusal(
  status: ConversationStatus | undefined,
  ownerId: string | undefined,
  agentId: string,
  overtake: boolean,
): 'owned-by-other' | null {
  return status === 'active' && ownerId !== undefined && ownerId !== agentId && !overtake ? 'owned-by-other' : null;
}
