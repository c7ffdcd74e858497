import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface ChainMetrics {
  submitted: Counter<'kind' | 'lane'>;
  executed: Counter<'kind' | 'lane'>;
  failed: Counter<'kind' | 'lane'>;
  latency: Histogram<'kind' | 'lane'>;
  sequenceRecoveries: Counter<'lane'>;
  sequenceErrors: Counter<'lane'>;
  backlog: Gauge<'lane'>;
  serviceBalance: Gauge;
}

export function createChainMetrics(registry: Registry): ChainMetrics {
  const registers = [registry];
  return {
    submitted: new Counter({ name: 'chain_transactions_submitted_total', help: 'Transactions sent, by op kind and lane', labelNames: ['kind', 'lane'] as const, registers }),
    executed: new Counter({ name: 'chain_transactions_executed_total', help: 'Transactions executed successfully', labelNames: ['kind', 'lane'] as const, registers }),
    failed: new Counter({ name: 'chain_transactions_failed_total', help: 'Transactions that executed with an error', labelNames: ['kind', 'lane'] as const, registers }),
    latency: new Histogram({
      name: 'chain_submit_to_executed_seconds',
      help: 'From submit to execution result',
      labelNames: ['kind', 'lane'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64],
      registers,
    }),
    sequenceRecoveries: new Counter({ name: 'chain_sequence_number_reads_total', help: 'Sequence numbers re-read from chain (start and after failures)', labelNames: ['lane'] as const, registers }),
    sequenceErrors: new Counter({ name: 'chain_invalid_sequence_number_total', help: 'Invalid sequence number (error 1007) failures', labelNames: ['lane'] as const, registers }),
    backlog: new Gauge({ name: 'chain_lane_backlog', help: 'Queued and submitted operations per lane', labelNames: ['lane'] as const, registers }),
    serviceBalance: new Gauge({ name: 'chain_service_account_flow_balance', help: 'FLOW balance of the service (payer) account', registers }),
  };
}
