import type { Client } from '@temporalio/client';
import type { Hono } from 'hono';
import { z } from 'zod';
import { workflowIds } from '../../../../domain/ids';
import { taskQueues } from '../../../../domain/task-queues';
import type { Database } from '../../../../platform/database';
import type { creatorOnboardingWorkflow } from '../../../../workflows/src/creators/onboarding.workflow';
import type { AccessTokens } from '../../auth/access-tokens';
import type { AppEnv } from '../../http/context';
import { httpErrors } from '../../http/errors';
import type { RouteDoc } from '../../http/route-doc';
import { authenticate } from '../../middleware/authenticate';

export const onboardingDoc: RouteDoc = {
  method: 'post', path: '/v1/creators/me/onboarding', tag: 'creators', auth: true,
  summary: "A Stripe Connect onboarding link for the caller's creator profile (open it in the browser)",
  responses: { 200: { description: 'The link', data: z.object({ url: z.string(), expiresAt: z.number().int() }) }, 404: { description: 'The caller is not a creator' }, 503: { description: 'Stripe could not be reached' } },
};

export function registerCreatorOnboarding(app: Hono<AppEnv>, deps: { db: Database; temporal: Client; accessTokens: AccessTokens; webBaseUrl: string }): void {
  app.post(onboardingDoc.path, authenticate(deps.accessTokens), async (c) => {
    const creator = await deps.db.creator.findUnique({ where: { userId: c.get('actor').userId } });
    if (!creator) throw httpErrors.notFound('Become a creator first');
    try {
      const link = await deps.temporal.workflow.execute<typeof creatorOnboardingWorkflow>('creatorOnboardingWorkflow', {
        workflowId: workflowIds.creatorOnboarding(creator.id, c.get('requestId')),
        taskQueue: taskQueues.app,
        args: [{ creatorId: creator.id, refreshUrl: `${deps.webBaseUrl}/#/creator/onboarding`, returnUrl: `${deps.webBaseUrl}/#/creator` }],
        workflowExecutionTimeout: '2m',
      });
      return c.json({ data: link }, 200);
    } catch (error) {
      c.get('log').warn({ err: error, creatorId: creator.id }, 'onboarding link failed');
      throw httpErrors.unavailable('Could not create an onboarding link, try again shortly');
    }
  });
}
