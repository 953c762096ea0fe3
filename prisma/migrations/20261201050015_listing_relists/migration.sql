-- AlterTable: a column added in place (no copy of the table: Listing carries the full-text and
-- change-log triggers).
ALTER TABLE "Listing" ADD COLUMN "relistedFromId" TEXT REFERENCES "Listing" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Listing_relistedFromId_idx" ON "Listing"("relistedFromId");
