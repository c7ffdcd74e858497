// Bundle entry for every worker: workflows only.
export { signupWorkflow } from './auth/signup.workflow';
