import { createContext } from '@lit/context';
import type { ChatClient } from '../../client/client.js';

/** Lets an ancestor (`volley-chat`, or a host's own provider) hand its client to every element below. */
export const clientContext = createContext<ChatClient | undefined>(Symbol.for('volley-client'));
