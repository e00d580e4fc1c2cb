/**
 * Per-conversation state, as Lex V2 keeps it between RecognizeText calls:
 * session attributes, the current intent and the last dialog action, dropped
 * after the bot's idle-session TTL. In memory (Lex's own sessions do not
 * survive a deployment either).
 */
import type { DialogAction, Intent } from '@aws-sdk/client-lex-runtime-v2';

export interface StoredSession {
  readonly sessionAttributes: Record<string, string>;
  readonly intent?: Intent;
  readonly dialogAction?: DialogAction;
  readonly originatingRequestId?: string;
  /** When the session was last used (ms since the epoch). */
  readonly lastActive: number;
}

export interface SessionKey {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
  readonly sessionId: string;
}

const keyOf = (k: SessionKey): string => [k.botId, k.botAliasId, k.localeId, k.sessionId].join('\u0000');

export class SessionStore {
  private readonly sessions = new Map<string, StoredSession>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The live session, or undefined if there is none or it idled out. */
  get(key: SessionKey, idleTtlSeconds: number): StoredSession | undefined {
    const id = keyOf(key);
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (this.now() - session.lastActive > idleTtlSeconds * 1000) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  put(key: SessionKey, session: Omit<StoredSession, 'lastActive'>): StoredSession {
    const stored = { ...session, lastActive: this.now() };
    this.sessions.set(keyOf(key), stored);
    return stored;
  }

  delete(key: SessionKey): boolean {
    return this.sessions.delete(keyOf(key));
  }
}
