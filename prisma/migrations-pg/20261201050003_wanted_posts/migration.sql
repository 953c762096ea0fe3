-- CreateTable
CREATE TABLE "WantedPost" (
    "id" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "townId" TEXT NOT NULL,
    "areaUnit" TEXT NOT NULL,
    "areaMin" DOUBLE PRECISION,
    "areaMax" DOUBLE PRECISION,
    "priceUnit" TEXT NOT NULL,
    "budgetMin" DOUBLE PRECISION,
    "budgetMax" DOUBLE PRECISION,
    "intendedUse" TEXT NOT NULL,
    "termYears" INTEGER,
    "contactName" TEXT,
    "contactPhone" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WantedPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WantedTarget" (
    "wantedPostId" TEXT NOT NULL,
    "townId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "WantedTarget_pkey" PRIMARY KEY ("wantedPostId", "townId", "type")
);

-- CreateTable
CREATE TABLE "WantedMatch" (
    "wantedPostId" TEXT NOT NULL,
    "listingId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WantedMatch_pkey" PRIMARY KEY ("wantedPostId", "listingId")
);

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "wantedPostId" TEXT;

-- CreateIndex
CREATE INDEX "Review_wantedPostId_idx" ON "Review"("wantedPostId");

-- CreateIndex
CREATE INDEX "WantedPost_buyerId_status_idx" ON "WantedPost"("buyerId", "status");

-- CreateIndex
CREATE INDEX "WantedPost_townId_status_submittedAt_idx" ON "WantedPost"("townId", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "WantedPost_status_publishedAt_idx" ON "WantedPost"("status", "publishedAt");

-- CreateIndex
CREATE INDEX "WantedPost_status_expiresAt_idx" ON "WantedPost"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "WantedTarget_townId_type_wantedPostId_idx" ON "WantedTarget"("townId", "type", "wantedPostId");

-- CreateIndex
CREATE INDEX "WantedMatch_listingId_idx" ON "WantedMatch"("listingId");


-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_wantedPostId_fkey" FOREIGN KEY ("wantedPostId") REFERENCES "WantedPost"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WantedPost" ADD CONSTRAINT "WantedPost_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WantedPost" ADD CONSTRAINT "WantedPost_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WantedTarget" ADD CONSTRAINT "WantedTarget_wantedPostId_fkey" FOREIGN KEY ("wantedPostId") REFERENCES "WantedPost"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WantedTarget" ADD CONSTRAINT "WantedTarget_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WantedMatch" ADD CONSTRAINT "WantedMatch_wantedPostId_fkey" FOREIGN KEY ("wantedPostId") REFERENCES "WantedPost"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WantedMatch" ADD CONSTRAINT "WantedMatch_listingId_fkey" FOREIGN KEY ("listingId") REFERENCES "Listing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
