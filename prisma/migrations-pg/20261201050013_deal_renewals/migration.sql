-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "renewedFromId" TEXT;

-- CreateIndex
CREATE INDEX "Deal_renewedFromId_idx" ON "Deal"("renewedFromId");

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_renewedFromId_fkey" FOREIGN KEY ("renewedFromId") REFERENCES "Deal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

