-- AlterTable: a column added in place (no copy of the table: Deal carries the tally triggers).
ALTER TABLE "Deal" ADD COLUMN "renewedFromId" TEXT REFERENCES "Deal" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Deal_renewedFromId_idx" ON "Deal"("renewedFromId");
