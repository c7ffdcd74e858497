-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('reserving', 'sold_out', 'awaiting_payment', 'paid', 'fulfilled', 'expired', 'payment_failed', 'refunded', 'needs_review');

-- CreateTable
CREATE TABLE "creators" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "stripe_account_sealed" TEXT,
    "stripe_account_lookup" TEXT,
    "charges_enabled" BOOLEAN NOT NULL DEFAULT false,
    "payouts_enabled" BOOLEAN NOT NULL DEFAULT false,
    "royalty_address" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "creators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "drops" (
    "id" UUID NOT NULL,
    "creator_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "media_url" TEXT NOT NULL,
    "sale_starts_at" TIMESTAMPTZ(3) NOT NULL,
    "sale_ends_at" TIMESTAMPTZ(3),
    "per_buyer_limit" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "drops_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "items" (
    "id" UUID NOT NULL,
    "drop_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "supply" INTEGER NOT NULL,
    "available" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "buyer_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "status" "OrderStatus" NOT NULL DEFAULT 'reserving',
    "amount_cents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "reserved" BOOLEAN NOT NULL DEFAULT false,
    "reservation_expires_at" TIMESTAMPTZ(3),
    "checkout_session_id" TEXT,
    "checkout_url" TEXT,
    "payment_intent_id" TEXT,
    "paid_amount_cents" INTEGER,
    "paid_currency" TEXT,
    "flow_address" TEXT,
    "nft_id" TEXT,
    "tx_id" TEXT,
    "refund_id" TEXT,
    "steps" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "provider" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("provider","event_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "creators_user_id_key" ON "creators"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "creators_stripe_account_lookup_key" ON "creators"("stripe_account_lookup");

-- CreateIndex
CREATE INDEX "drops_creator_id_idx" ON "drops"("creator_id");

-- CreateIndex
CREATE INDEX "drops_sale_starts_at_idx" ON "drops"("sale_starts_at");

-- CreateIndex
CREATE INDEX "items_drop_id_idx" ON "items"("drop_id");

-- CreateIndex
CREATE INDEX "orders_buyer_id_created_at_idx" ON "orders"("buyer_id", "created_at");

-- CreateIndex
CREATE INDEX "orders_checkout_session_id_idx" ON "orders"("checkout_session_id");

-- CreateIndex
CREATE INDEX "orders_item_id_buyer_id_idx" ON "orders"("item_id", "buyer_id");

-- CreateIndex
CREATE INDEX "orders_status_idx" ON "orders"("status");

-- AddForeignKey
ALTER TABLE "drops" ADD CONSTRAINT "drops_creator_id_fkey" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "items" ADD CONSTRAINT "items_drop_id_fkey" FOREIGN KEY ("drop_id") REFERENCES "drops"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Inventory can never go below zero or above supply, whatever the application does
-- (a trigger rather than a CHECK constraint: Prisma's schema engine cannot read CHECKs back).
CREATE FUNCTION items_inventory_in_range() RETURNS trigger AS $$
BEGIN
  IF NEW.available < 0 OR NEW.available > NEW.supply OR NEW.price_cents <= 0 THEN
    RAISE EXCEPTION 'item % inventory out of range (available %, supply %)', NEW.id, NEW.available, NEW.supply USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER items_inventory_in_range BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION items_inventory_in_range();
