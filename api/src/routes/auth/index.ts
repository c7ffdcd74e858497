import type { Hono } from 'hono';
import type { AppEnv } from '../../http/context';
import type { AuthDeps } from './deps';
import { loginDoc, logoutDoc, refreshDoc, registerLogin } from './login';
import { registerSignup, signupDoc } from './signup';
import { registerVerification, resendDoc, verifyDoc } from './verify';

export const authDocs = [signupDoc, verifyDoc, resendDoc, loginDoc, refreshDoc, logoutDoc];

export function registerAuthRoutes(app: Hono<AppEnv>, deps: AuthDeps & { codeTtlSeconds: number }): void {
  registerSignup(app, deps);
  registerVerification(app, deps);
  registerLogin(app, deps);
}
