// Local AWS SES emulator (aws-ses-v2-local) in its own process, plus a reader for what it "sent".
import { createRequire } from 'node:module';
import { describeExit, isPortOpen, sleep, spawnManaged } from './proc';

export interface SesEmulator {
  /** Base URL; use it as the SES endpoint. `${url}/store` lists sent emails, `${url}/` is a mailbox UI. */
  url: string;
  stop(): Promise<void>;
}

export interface EmulatedEmail {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  /** Epoch seconds at which the emulator accepted the email. */
  at: number;
}

/** Shape of aws-ses-v2-local's GET /store (dist/store.d.ts `Email`), the parts we read. */
interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

const HOST = '127.0.0.1';

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health-check`, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function startSesEmulator(opts: { port: number; startTimeoutMs?: number }): Promise<SesEmulator> {
  const cli = createRequire(import.meta.url).resolve('aws-ses-v2-local/dist/cli.js');
  const url = `http://${HOST}:${opts.port}`;
  if (await isPortOpen(HOST, opts.port)) throw new Error(`Cannot start the SES emulator on ${url}: the port is already in use.`);
  // Its own process so each emulator has its own in-memory store (the package keeps it module-global).
  const emulator = spawnManaged(process.execPath, { args: [cli, '--host', HOST, '--port', String(opts.port)] });
  const deadline = Date.now() + (opts.startTimeoutMs ?? 15_000);
  while (!(await answers(url))) {
    if (emulator.hasExited() || Date.now() > deadline) {
      const why = emulator.hasExited() ? describeExit(await emulator.exited) : 'timed out';
      await emulator.stop(2_000);
      throw new Error(`SES emulator on ${url} did not start (${why}; is the port in use?).\n${emulator.tail()}`);
    }
    await sleep(100);
  }
  return {
    url,
    stop: async () => {
      await emulator.stop(5_000);
    },
  };
}

/** Every email the emulator has accepted so far, oldest first. */
export async function readEmails(url: string): Promise<EmulatedEmail[]> {
  const response = await fetch(`${url.replace(/\/$/, '')}/store`);
  if (!response.ok) throw new Error(`SES emulator ${url}/store answered ${response.status}`);
  const store = (await response.json()) as { emails?: StoredEmail[] };
  return (store.emails ?? []).map((email) => ({
    messageId: email.messageId,
    from: email.from,
    to: email.destination.to,
    cc: email.destination.cc,
    subject: email.subject,
    text: email.body.text ?? '',
    html: email.body.html ?? '',
    at: email.at,
  }));
}
