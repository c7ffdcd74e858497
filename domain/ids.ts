// Workflow ids are business keys: a duplicate start attaches to, or is refused by, the
// running workflow instead of running the process twice.
export const workflowIds = {
  signup: (userId: string) => `signup:${userId}`,
  checkout: (orderId: string) => `checkout:${orderId}`,
  chainOp: (opId: string) => `chain-op:${opId}`,
} as const;
