import {
  resendResponseSchema,
  sessionSchema,
  signupResponseSchema,
  userSchema,
  type LoginRequest,
  type ResendRequest,
  type Session,
  type SignupRequest,
  type SignupResponse,
  type User,
  type VerifyRequest,
} from '../../domain/auth';
import { ApiRequestError, expectSuccess, readData, send, type RequestOptions } from './http';
import { navigate } from './router';
import { clearSession, loadSession, saveSession } from './session';

// Refresh a little before the access token expires rather than waiting for the 401.
const REFRESH_MARGIN_MS = 30_000;

export const api = {
  async signup(input: SignupRequest): Promise<SignupResponse> {
    return readData(await send('/v1/auth/signup', { method: 'POST', body: input }), signupResponseSchema);
  },
  async verify(input: VerifyRequest): Promise<Session> {
    return startSession(await send('/v1/auth/verify', { method: 'POST', body: input }));
  },
  async resend(input: ResendRequest): Promise<void> {
    await readData(await send('/v1/auth/resend', { method: 'POST', body: input }), resendResponseSchema);
  },
  async login(input: LoginRequest): Promise<Session> {
    return startSession(await send('/v1/auth/login', { method: 'POST', body: input }));
  },
  /** Revokes the refresh token server-side (best effort) and always forgets the local session. */
  async logout(): Promise<void> {
    const session = loadSession();
    clearSession();
    if (!session) return;
    try {
      await expectSuccess(await send('/v1/auth/logout', { method: 'POST', body: { refreshToken: session.refreshToken } }));
    } catch {
      // Signed out locally either way; an unrevoked refresh token still expires on its own.
    }
  },
  async me(): Promise<User> {
    return readData(await authedSend('/v1/me'), userSchema);
  },
};

async function startSession(response: Response): Promise<Session> {
  const session = await readData(response, sessionSchema);
  saveSession(session);
  return session;
}

/** Sends with the access token; refreshes once (ahead of expiry or on a 401) and retries. */
async function authedSend(path: string, options: RequestOptions = {}): Promise<Response> {
  let session = loadSession() ?? sessionLost();
  let refreshed = false;
  if (Date.parse(session.accessTokenExpiresAt) - Date.now() < REFRESH_MARGIN_MS) {
    session = await refreshSession(session.accessToken);
    refreshed = true;
  }
  let response = await send(path, { ...options, accessToken: session.accessToken });
  if (response.status === 401 && !refreshed) {
    session = await refreshSession(session.accessToken);
    response = await send(path, { ...options, accessToken: session.accessToken });
  }
  if (response.status === 401) sessionLost();
  return response;
}

// Refresh tokens rotate and the api revokes a reused one, so concurrent callers share one refresh.
let refreshInFlight: Promise<Session> | null = null;

function refreshSession(staleAccessToken: string): Promise<Session> {
  refreshInFlight ??= performRefresh(staleAccessToken).finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

async function performRefresh(staleAccessToken: string): Promise<Session> {
  const current = loadSession() ?? sessionLost();
  // Another tab (or an earlier call) already rotated the tokens.
  if (current.accessToken !== staleAccessToken) return current;
  const response = await send('/v1/auth/refresh', { method: 'POST', body: { refreshToken: current.refreshToken } });
  if (response.ok) return startSession(response);
  const latest = loadSession();
  if (latest && latest.refreshToken !== current.refreshToken) return latest;
  // 4xx: the refresh token is invalid, expired or reused. 5xx: keep the session and report.
  if (response.status >= 400 && response.status < 500) sessionLost();
  await expectSuccess(response);
  return current;
}

function sessionLost(): never {
  navigate('/login', { reason: 'expired' });
  clearSession();
  throw new ApiRequestError(401, { code: 'unauthenticated', message: 'Your session has ended. Please log in again.' });
}
