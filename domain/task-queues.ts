export const taskQueues = {
  app: 'app',
  integrations: 'integrations',
  chain: 'chain',
  chainProposer: (keyIndex: number) => `chain-proposer-${keyIndex}`,
} as const;
