// Bundle entry for every worker: workflows only.
export { signupWorkflow } from './auth/signup.workflow';
export { chainOpWorkflow } from './chain/chain-op.workflow';
export { checkoutWorkflow } from './checkout/checkout.workflow';
export { creatorOnboardingWorkflow } from './creators/onboarding.workflow';
