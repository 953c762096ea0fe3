-- AlterTable
ALTER TABLE "BiddingRound" ADD COLUMN     "depositDueAt" TIMESTAMP(3),
ADD COLUMN     "paidAt" TIMESTAMP(3),
ADD COLUMN     "paidById" TEXT,
ADD COLUMN     "paymentDueAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "BidRegistration" ADD COLUMN     "forfeitReason" TEXT,
ADD COLUMN     "refundDueAt" TIMESTAMP(3),
ADD COLUMN     "refundedAt" TIMESTAMP(3),
ADD COLUMN     "refundedById" TEXT;

-- CreateTable
CREATE TABLE "RentPayment" (
    "id" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "amount" DOUBLE PRECISION NOT NULL,
    "paidAmount" DOUBLE PRECISION,
    "paidAt" TIMESTAMP(3),
    "recordedById" TEXT,
    "recordedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "overdueNotifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RentPayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RentPayment_paidAt_dueDate_idx" ON "RentPayment"("paidAt", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "RentPayment_dealId_seq_key" ON "RentPayment"("dealId", "seq");

-- AddForeignKey
ALTER TABLE "RentPayment" ADD CONSTRAINT "RentPayment_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
