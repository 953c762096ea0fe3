-- AlterTable
ALTER TABLE "Deal" ADD COLUMN "changedAt" DATETIME;
ALTER TABLE "Deal" ADD COLUMN "disputedSince" DATETIME;
ALTER TABLE "Deal" ADD COLUMN "terminatedOn" DATETIME;

-- CreateTable
CREATE TABLE "DealChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dealId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "filedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "newPrice" REAL,
    "newArea" REAL,
    "newTermYears" INTEGER,
    "oldPrice" REAL,
    "oldArea" REAL,
    "oldTermYears" INTEGER,
    "effectiveOn" DATETIME,
    "documents" TEXT NOT NULL DEFAULT '[]',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "opinion" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DealChange_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DealChange_filedById_fkey" FOREIGN KEY ("filedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DealChange_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DealChange_dealId_createdAt_idx" ON "DealChange"("dealId", "createdAt");

-- CreateIndex
CREATE INDEX "DealChange_status_createdAt_idx" ON "DealChange"("status", "createdAt");

