// Custom search attributes registered on the Temporal namespace; the ops views filter on them.
export const searchAttributeNames = {
  userId: 'DroplineUserId',
  orderId: 'DroplineOrderId',
  chainOpKind: 'DroplineChainOpKind',
} as const;
