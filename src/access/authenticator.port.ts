import type { Actor } from './actor';

/**
 * Who a session cookie or a bearer token belongs to: what the access guard asks of sign-in,
 * implemented by src/auth (AuthService), so the guard every feature sits behind imports no feature.
 */
export interface AuthenticatorPort {
  /** The actor of a live credential, or null (unknown, expired, revoked, or of an inactive user). */
  authenticate(secret: string, channel: 'cookie' | 'bearer'): Promise<Actor | null>;
}

export const AUTHENTICATOR = Symbol('AuthenticatorPort');
