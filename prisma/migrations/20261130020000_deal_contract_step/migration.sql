-- A bidding round's deal has no contract until the village uploads the signed one: its contract date
-- is that upload's (it was silently set to the close of the round).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "listingId" TEXT NOT NULL,
    "inquiryId" TEXT,
    "buyerId" TEXT,
    "outsideBuyerName" TEXT,
    "outsideBuyerIdNumber" TEXT,
    "price" REAL NOT NULL,
    "priceUnit" TEXT NOT NULL,
    "totalValueYuan" REAL NOT NULL,
    "area" REAL NOT NULL,
    "areaUnit" TEXT NOT NULL,
    "termYears" INTEGER,
    "transferMode" TEXT NOT NULL,
    "tradingMode" TEXT NOT NULL,
    "contractDate" DATETIME,
    "contractFile" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING_REVIEW',
    "approvedAt" DATETIME,
    "noticeStartsAt" DATETIME,
    "noticeEndsAt" DATETIME,
    "certifiedAt" DATETIME,
    "certificateNo" TEXT,
    "verifyCode" TEXT,
    "biddingRoundId" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Deal_listingId_fkey" FOREIGN KEY ("listingId") REFERENCES "Listing" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Deal_inquiryId_fkey" FOREIGN KEY ("inquiryId") REFERENCES "Inquiry" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Deal_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Deal_biddingRoundId_fkey" FOREIGN KEY ("biddingRoundId") REFERENCES "BiddingRound" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Deal" ("approvedAt", "area", "areaUnit", "biddingRoundId", "buyerId", "certificateNo", "certifiedAt", "contractDate", "contractFile", "createdAt", "id", "inquiryId", "isDemo", "listingId", "noticeEndsAt", "noticeStartsAt", "outsideBuyerIdNumber", "outsideBuyerName", "price", "priceUnit", "status", "termYears", "totalValueYuan", "tradingMode", "transferMode", "updatedAt", "verifyCode") SELECT "approvedAt", "area", "areaUnit", "biddingRoundId", "buyerId", "certificateNo", "certifiedAt", "contractDate", "contractFile", "createdAt", "id", "inquiryId", "isDemo", "listingId", "noticeEndsAt", "noticeStartsAt", "outsideBuyerIdNumber", "outsideBuyerName", "price", "priceUnit", "status", "termYears", "totalValueYuan", "tradingMode", "transferMode", "updatedAt", "verifyCode" FROM "Deal";
DROP TABLE "Deal";
ALTER TABLE "new_Deal" RENAME TO "Deal";
CREATE UNIQUE INDEX "Deal_certificateNo_key" ON "Deal"("certificateNo");
CREATE UNIQUE INDEX "Deal_verifyCode_key" ON "Deal"("verifyCode");
CREATE UNIQUE INDEX "Deal_biddingRoundId_key" ON "Deal"("biddingRoundId");
CREATE INDEX "Deal_status_noticeStartsAt_idx" ON "Deal"("status", "noticeStartsAt");
CREATE INDEX "Deal_listingId_idx" ON "Deal"("listingId");
CREATE INDEX "Deal_buyerId_idx" ON "Deal"("buyerId");
CREATE INDEX "Deal_status_certifiedAt_idx" ON "Deal"("status", "certifiedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Open deals of bidding rounds still without a contract: their date was the round's close, not a signing.
UPDATE "Deal" SET "contractDate" = NULL WHERE "tradingMode" = 'BIDDING' AND "contractFile" IS NULL AND "status" IN ('PENDING_REVIEW', 'IN_NOTICE', 'OBJECTED', 'AWAITING_CERTIFICATION');
