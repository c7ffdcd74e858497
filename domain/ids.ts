// Workflow ids are business keys: a duplicate start attaches to, or is refused by, the
// running workflow instead of running the process twice.
export const workflowIds = {
  signup: (userId: string) => `signup:${userId}`,
  checkout: (orderId: string) => `checkout:${orderId}`,
  creatorOnboarding: (creatorId: string, requestId: string) => `creator-onboarding:${creatorId}:${requestId}`,
  chainOp: (opId: string) => `chain-op:${opId}`,
} as const;

// Chain op ids derived from business keys, so a retried step reuses the same operation.
export const chainOpIds = {
  /** Mints an order's NFT; the order id is also the NFT's externalId. */
  orderMint: (orderId: string) => `order-mint:${orderId}`,
  /** Sets up a user's custodial Flow account, once per user. */
  accountSetup: (userId: string) => `account:${userId}`,
} as const;
