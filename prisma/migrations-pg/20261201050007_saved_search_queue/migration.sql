-- CreateTable
CREATE TABLE "SavedSearchQueue" (
    "listingId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedSearchQueue_pkey" PRIMARY KEY ("listingId")
);

-- AddForeignKey
ALTER TABLE "SavedSearchQueue" ADD CONSTRAINT "SavedSearchQueue_listingId_fkey" FOREIGN KEY ("listingId") REFERENCES "Listing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

