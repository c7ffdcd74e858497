import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startWebServer, type WebServer } from '../../web/serve';
import { startStack } from '../support/stack';

// Signup → emailed code → verify → profile → logout → login, in a real headless Chromium
// against the real api stack. The built web client is served on its own origin with `/v1`
// proxied to the api, as in production.

const SESSION_KEY = 'dropline.session';
const EMAIL_WAIT_MS = 30_000;

const sesStoreSchema = z.object({
  emails: z.array(
    z.object({
      destination: z.object({ to: z.array(z.string()) }),
      subject: z.string(),
      body: z.object({ text: z.string().optional(), html: z.string().optional() }),
      at: z.number(),
    }),
  ),
});

let stack: Awaited<ReturnType<typeof startStack>> | undefined;
let web: WebServer | undefined;
let browser: Browser | undefined;
let distDir: string | undefined;

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'dropline-web-'));
  await buildWebClient(distDir);
  stack = await startStack();
  web = await startWebServer({ distDir, apiUrl: stack.apiUrl });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await stack?.stop();
  if (distDir) await rm(distDir, { recursive: true, force: true });
}, 60_000);

describe('web signup flow', () => {
  it('signs up, verifies the emailed code, sees the profile, logs out and logs back in', async () => {
    if (!browser || !web || !stack) throw new Error('beforeAll did not finish');
    const email = `e2e-${randomUUID()}@example.com`;
    const password = 'correct-horse-battery-staple';
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    try {
      await page.goto(`${web.url}/#/signup`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Create account', exact: true }).click();
      await page.waitForURL(/#\/verify\?/);

      const code = await waitForVerificationCode(stack.sesUrl, email);

      // A wrong code is refused; the api's error message is shown with its request id.
      await page.getByLabel('Verification code').fill(wrongCode(code));
      await page.getByRole('button', { name: 'Verify', exact: true }).click();
      await page.getByRole('alert').waitFor();
      await page.getByTestId('error-request-id').waitFor();

      await page.getByLabel('Verification code').fill(code);
      await page.getByRole('button', { name: 'Verify', exact: true }).click();
      await expectProfile(page, email);
      expect(await storedSession(page)).toContain('refreshToken');

      await page.getByRole('button', { name: 'Log out', exact: true }).click();
      await page.waitForURL(/#\/login/);
      expect(await storedSession(page)).toBeNull();

      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await expectProfile(page, email);

      // A reload keeps the session: it is read back from localStorage.
      await page.reload();
      await expectProfile(page, email);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});

/** A production build, as shipped. Vitest runs with NODE_ENV=test, which vite would honour. */
async function buildWebClient(outDir: string): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

async function expectProfile(page: Page, email: string): Promise<void> {
  await page.waitForURL(/#\/profile/);
  await page.getByTestId('profile-email').filter({ hasText: email }).waitFor();
  expect(await page.getByTestId('profile-verified').textContent()).toBe('Verified');
}

function storedSession(page: Page): Promise<string | null> {
  return page.evaluate((key) => window.localStorage.getItem(key), SESSION_KEY);
}

function wrongCode(code: string): string {
  const first = Number(code[0]);
  return `${(first + 1) % 10}${code.slice(1)}`;
}

/** The code from the newest email the SES emulator holds for `to`: the only 6-digit number in it. */
async function waitForVerificationCode(sesUrl: string, to: string): Promise<string> {
  const deadline = Date.now() + EMAIL_WAIT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`${sesUrl.replace(/\/$/, '')}/store`);
    const { emails } = sesStoreSchema.parse(await response.json());
    const newest = emails
      .filter((email) => email.destination.to.some((address) => address.toLowerCase().includes(to)))
      .sort((a, b) => a.at - b.at)
      .at(-1);
    const text = newest?.body.text ?? newest?.body.html?.replace(/<[^>]*>/g, ' ') ?? '';
    const code = /\b\d{6}\b/.exec(text)?.[0];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no verification email for ${to} within ${EMAIL_WAIT_MS} ms`);
}
