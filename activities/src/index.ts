export { createSesMailer, type Mailer, type EmailMessage } from './email/mailer';
export { createVerificationActivities, type VerificationActivities, type VerificationDeps } from './auth/verification.activities';
