-- AlterTable
ALTER TABLE "BiddingRound" ADD COLUMN "depositDueAt" DATETIME;
ALTER TABLE "BiddingRound" ADD COLUMN "paidAt" DATETIME;
ALTER TABLE "BiddingRound" ADD COLUMN "paidById" TEXT;
ALTER TABLE "BiddingRound" ADD COLUMN "paymentDueAt" DATETIME;

-- AlterTable
ALTER TABLE "BidRegistration" ADD COLUMN "forfeitReason" TEXT;
ALTER TABLE "BidRegistration" ADD COLUMN "refundDueAt" DATETIME;
ALTER TABLE "BidRegistration" ADD COLUMN "refundedAt" DATETIME;
ALTER TABLE "BidRegistration" ADD COLUMN "refundedById" TEXT;

-- CreateTable
CREATE TABLE "RentPayment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dealId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "amount" REAL NOT NULL,
    "paidAmount" REAL,
    "paidAt" DATETIME,
    "recordedById" TEXT,
    "recordedAt" DATETIME,
    "remindedAt" DATETIME,
    "overdueNotifiedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RentPayment_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RentPayment_paidAt_dueDate_idx" ON "RentPayment"("paidAt", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "RentPayment_dealId_seq_key" ON "RentPayment"("dealId", "seq");

