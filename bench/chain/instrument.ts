// Timing of the lanes' calls to the access node, measured around the production gateway
// (the lane logic is untouched): where a lane's time per transaction goes.
import type { ChainGateway, ChainOperationContext } from '../../activities/src';

export interface GatewayStats {
  scripts: number;
  scriptMs: number;
  prepares: number;
  prepareMs: number;
  sends: number;
  sendMs: number;
  waits: number;
  waitMs: number;
}

const empty = (): GatewayStats => ({ scripts: 0, scriptMs: 0, prepares: 0, prepareMs: 0, sends: 0, sendMs: 0, waits: 0, waitMs: 0 });
let stats = empty();

async function timed<T>(work: () => Promise<T>, record: (ms: number) => void): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    record(performance.now() - started);
  }
}

function instrumentGateway(gateway: ChainGateway): ChainGateway {
  return {
    sequenceNumber: (keyIndex) => gateway.sequenceNumber(keyIndex),
    outcome: (txId) => gateway.outcome(txId),
    prepare: (plan, proposer) =>
      timed(
        async () => {
          const prepared = await gateway.prepare(plan, proposer);
          const send = () => timed(prepared.send, (ms) => ((stats.sends += 1), (stats.sendMs += ms)));
          return { ...prepared, send };
        },
        (ms) => ((stats.prepares += 1), (stats.prepareMs += ms)),
      ),
    waitForOutcome: (txId, timeoutMs) => timed(() => gateway.waitForOutcome(txId, timeoutMs), (ms) => ((stats.waits += 1), (stats.waitMs += ms))),
    script: <T>(code: string, args: unknown[]) => timed(() => gateway.script<T>(code, args), (ms) => ((stats.scripts += 1), (stats.scriptMs += ms))),
  };
}

export function instrumentContext(context: ChainOperationContext): ChainOperationContext {
  return { ...context, gateway: instrumentGateway(context.gateway) };
}

/** Gateway call counts and total milliseconds since the last call. */
export function takeGatewayStats(): GatewayStats {
  const taken = stats;
  stats = empty();
  return taken;
}
