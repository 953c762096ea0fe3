-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "changedAt" TIMESTAMP(3),
ADD COLUMN     "disputedSince" TIMESTAMP(3),
ADD COLUMN     "terminatedOn" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DealChange" (
    "id" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "filedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "newPrice" DOUBLE PRECISION,
    "newArea" DOUBLE PRECISION,
    "newTermYears" INTEGER,
    "oldPrice" DOUBLE PRECISION,
    "oldArea" DOUBLE PRECISION,
    "oldTermYears" INTEGER,
    "effectiveOn" TIMESTAMP(3),
    "documents" TEXT NOT NULL DEFAULT '[]',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "opinion" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DealChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DealChange_dealId_createdAt_idx" ON "DealChange"("dealId", "createdAt");

-- CreateIndex
CREATE INDEX "DealChange_status_createdAt_idx" ON "DealChange"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "DealChange" ADD CONSTRAINT "DealChange_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealChange" ADD CONSTRAINT "DealChange_filedById_fkey" FOREIGN KEY ("filedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealChange" ADD CONSTRAINT "DealChange_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

