import { z } from 'zod';

// DTOs shared by the api (validation + OpenAPI), the workflows and the web client.

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((email) => email.toLowerCase());

export const passwordSchema = z.string().min(10).max(128);
export const verificationCodeSchema = z.string().regex(/^\d{6}$/, 'must be 6 digits');

export const signupRequestSchema = z.object({ email: emailSchema, password: passwordSchema }).strict();
export type SignupRequest = z.input<typeof signupRequestSchema>;

export const signupResponseSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  verification: z.object({ expiresInSeconds: z.number().int() }),
});
export type SignupResponse = z.infer<typeof signupResponseSchema>;

export const verifyRequestSchema = z.object({ email: emailSchema, code: verificationCodeSchema }).strict();
export type VerifyRequest = z.input<typeof verifyRequestSchema>;

export const resendRequestSchema = z.object({ email: emailSchema }).strict();
export type ResendRequest = z.input<typeof resendRequestSchema>;
export const resendResponseSchema = z.object({ sent: z.literal(true) });

export const loginRequestSchema = z.object({ email: emailSchema, password: z.string().min(1).max(128) }).strict();
export type LoginRequest = z.input<typeof loginRequestSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(16).max(512) }).strict();
export type RefreshRequest = z.input<typeof refreshRequestSchema>;
export const logoutRequestSchema = refreshRequestSchema;

export const userRoleSchema = z.enum(['user', 'creator', 'admin']);
export type UserRole = z.infer<typeof userRoleSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: userRoleSchema,
  emailVerified: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.iso.datetime(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.iso.datetime(),
  user: userSchema,
});
export type Session = z.infer<typeof sessionSchema>;
