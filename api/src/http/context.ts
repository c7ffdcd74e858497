import type { Logger } from '../../../platform/logger';

export interface Actor {
  userId: string;
  role: 'user' | 'creator' | 'admin';
}

// Values middleware puts on every request's context.
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    actor: Actor;
    clientIp: string;
  };
}
