import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rules that keep ARCHITECTURE.md's dependency directions: each case must be
// rejected (or accepted) exactly as the architecture says.

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('dependency directions', () => {
  it.each([
    ['workflows/src/auth/x.workflow.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['workflows/src/auth/x.workflow.ts', "import { createHash } from 'crypto';\nexport const x = createHash;\n"],
    ['workflows/src/auth/x.workflow.ts', "import { PrismaClient } from '@prisma/client';\nexport const x = PrismaClient;\n"],
    ['workflows/src/auth/x.workflow.ts', "import { createVerificationActivities } from '../../../activities/src';\nexport const x = createVerificationActivities;\n"],
    ['workflows/src/auth/x.workflow.ts', "import { createDatabase } from '../../../platform/database';\nexport const x = createDatabase;\n"],
    ['domain/x.ts', "import { createLogger } from '../platform/logger';\nexport const x = createLogger;\n"],
    ['api/src/routes/x.ts', "import { createVerificationActivities } from '../../../activities/src';\nexport const x = createVerificationActivities;\n"],
    ['api/src/routes/x.ts', "import { signupWorkflow } from '../../../workflows/src/auth/signup.workflow';\nexport const x = signupWorkflow;\n"],
    ['web/src/x.ts', "import { createApp } from '../../api/src/app';\nexport const x = createApp;\n"],
  ])('rejects a forbidden import in %s', async (filePath, code) => {
    expect(await problems(filePath, code)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('rejects process.env in workflows and outside entry points', async () => {
    expect(await problems('workflows/src/auth/x.workflow.ts', 'export const x = process.env.SECRET;\n')).toContain('no-restricted-globals');
    expect(await problems('activities/src/email/x.ts', 'export const x = process.env.SECRET;\n')).toContain('no-restricted-properties');
    expect(await problems('api/src/main.ts', 'export const x = process.env.SECRET;\n')).toEqual([]);
  });

  it('rejects console and any', async () => {
    expect(await problems('api/src/x.ts', "console.log('x');\n")).toContain('no-console');
    const explicitAny = ['export const x = (y:', 'any) => y;\n'].join(' ');
    expect(await problems('api/src/x.ts', explicitAny)).toContain('@typescript-eslint/no-explicit-any');
  });

  it.each([
    ['workflows/src/auth/x.workflow.ts', "import type { VerificationActivities } from '../../../activities/src';\nexport type X = VerificationActivities;\n"],
    ['workflows/src/auth/x.workflow.ts', "import { workflowIds } from '../../../domain/ids';\nexport const x = workflowIds;\n"],
    ['api/src/routes/x.ts', "import { submitCodeUpdate } from '../../../workflows/src/auth/messages';\nexport const x = submitCodeUpdate;\n"],
    ['api/src/routes/x.ts', "import type { signupWorkflow } from '../../../workflows/src/auth/signup.workflow';\nexport type X = typeof signupWorkflow;\n"],
  ])('allows the permitted import in %s', async (filePath, code) => {
    expect(await problems(filePath, code)).toEqual([]);
  });
});
