-- CreateTable
CREATE TABLE "ContractTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContractTemplate_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable: columns added in place, not by redefining "Deal", which would drop its triggers (decision 018).
ALTER TABLE "Deal" ADD COLUMN "contractTemplateId" TEXT REFERENCES "ContractTemplate" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Deal" ADD COLUMN "contractGeneratedAt" DATETIME;

-- CreateIndex
CREATE INDEX "Deal_contractCode_idx" ON "Deal"("contractCode");

-- CreateIndex
CREATE UNIQUE INDEX "ContractTemplate_kind_version_key" ON "ContractTemplate"("kind", "version");

