-- AlterTable
ALTER TABLE "Deal" ADD COLUMN "filingNo" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Deal_filingNo_key" ON "Deal"("filingNo");

-- CreateIndex
CREATE INDEX "Deal_status_townId_filedAt_idx" ON "Deal"("status", "townId", "filedAt");


-- Platform deals are filed (备案) on certification from now on; those certified before were filed
-- then too. They keep no filing number: numbers are given as deals are filed.
UPDATE "Deal" SET "filedAt" = "certifiedAt" WHERE "origin" = 'PLATFORM' AND "status" = 'COMPLETED' AND "filedAt" IS NULL;
