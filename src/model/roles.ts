/**
 * Every role (R1), the one list: the engine checks users against it, the server's tokens too
 * (through volley-chat/rules), and `Role` is read from it.
 */
export const ROLES = ['customer', 'provider', 'agent', 'admin'] as const;

export type Role = (typeof ROLES)[number];
