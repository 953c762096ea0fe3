-- AlterTable
ALTER TABLE "Listing" ADD COLUMN     "relistedFromId" TEXT;

-- CreateIndex
CREATE INDEX "Listing_relistedFromId_idx" ON "Listing"("relistedFromId");

-- AddForeignKey
ALTER TABLE "Listing" ADD CONSTRAINT "Listing_relistedFromId_fkey" FOREIGN KEY ("relistedFromId") REFERENCES "Listing"("id") ON DELETE SET NULL ON UPDATE CASCADE;

