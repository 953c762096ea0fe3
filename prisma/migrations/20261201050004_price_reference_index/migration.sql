-- CreateIndex
CREATE INDEX "Deal_status_listingType_townId_idx" ON "Deal"("status", "listingType", "townId");

