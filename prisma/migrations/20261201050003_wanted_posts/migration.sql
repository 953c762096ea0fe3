-- CreateTable
CREATE TABLE "WantedPost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "buyerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "townId" TEXT NOT NULL,
    "areaUnit" TEXT NOT NULL,
    "areaMin" REAL,
    "areaMax" REAL,
    "priceUnit" TEXT NOT NULL,
    "budgetMin" REAL,
    "budgetMax" REAL,
    "intendedUse" TEXT NOT NULL,
    "termYears" INTEGER,
    "contactName" TEXT,
    "contactPhone" TEXT NOT NULL,
    "submittedAt" DATETIME,
    "publishedAt" DATETIME,
    "expiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WantedPost_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WantedPost_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WantedTarget" (
    "wantedPostId" TEXT NOT NULL,
    "townId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("wantedPostId", "townId", "type"),
    CONSTRAINT "WantedTarget_wantedPostId_fkey" FOREIGN KEY ("wantedPostId") REFERENCES "WantedPost" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WantedTarget_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WantedMatch" (
    "wantedPostId" TEXT NOT NULL,
    "listingId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("wantedPostId", "listingId"),
    CONSTRAINT "WantedMatch_wantedPostId_fkey" FOREIGN KEY ("wantedPostId") REFERENCES "WantedPost" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WantedMatch_listingId_fkey" FOREIGN KEY ("listingId") REFERENCES "Listing" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable (hand-written: an added column, not Prisma's rebuild of the table)
ALTER TABLE "Review" ADD COLUMN "wantedPostId" TEXT CONSTRAINT "Review_wantedPostId_fkey" REFERENCES "WantedPost" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

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

