-- CreateEnum
CREATE TYPE "ChainOpKind" AS ENUM ('mint', 'airdrop', 'batch_mint', 'account_setup', 'transfer', 'metadata_update', 'burn', 'create_listing', 'purchase_listing');

-- CreateEnum
CREATE TYPE "ChainOpStatus" AS ENUM ('queued', 'submitted', 'executed', 'failed');

-- CreateTable
CREATE TABLE "chain_ops" (
    "id" TEXT NOT NULL,
    "kind" "ChainOpKind" NOT NULL,
    "args" JSONB NOT NULL,
    "status" "ChainOpStatus" NOT NULL DEFAULT 'queued',
    "lane" INTEGER,
    "sequence_number" BIGINT,
    "tx_id" TEXT,
    "batch_key" TEXT,
    "secret" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "executed_at" TIMESTAMPTZ(3),

    CONSTRAINT "chain_ops_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flow_accounts" (
    "address" TEXT NOT NULL,
    "user_id" UUID,
    "custodial" BOOLEAN NOT NULL,
    "encrypted_private_key" TEXT,
    "key_index" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flow_accounts_pkey" PRIMARY KEY ("address")
);

-- CreateIndex
CREATE INDEX "chain_ops_lane_status_idx" ON "chain_ops"("lane", "status");

-- CreateIndex
CREATE INDEX "chain_ops_batch_key_status_idx" ON "chain_ops"("batch_key", "status");

-- CreateIndex
CREATE INDEX "chain_ops_tx_id_idx" ON "chain_ops"("tx_id");

-- CreateIndex
CREATE UNIQUE INDEX "flow_accounts_user_id_key" ON "flow_accounts"("user_id");
