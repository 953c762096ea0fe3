-- CreateTable
CREATE TABLE "Parcel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT,
    "townId" TEXT NOT NULL,
    "villageId" TEXT,
    "employerCode" TEXT NOT NULL,
    "contractorCode" TEXT,
    "parcelClass" TEXT,
    "landUse" TEXT,
    "grade" TEXT,
    "basicFarmland" BOOLEAN,
    "surveyedAreaM2" REAL NOT NULL,
    "surveyedAreaMu" REAL NOT NULL,
    "computedAreaM2" REAL NOT NULL,
    "east" TEXT,
    "south" TEXT,
    "west" TEXT,
    "north" TEXT,
    "surveyorName" TEXT,
    "remark" TEXT,
    "geometry" TEXT NOT NULL,
    "minLng" REAL NOT NULL,
    "minLat" REAL NOT NULL,
    "maxLng" REAL NOT NULL,
    "maxLat" REAL NOT NULL,
    "importId" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Parcel_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Parcel_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Parcel_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DataImport" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ListingParcel" (
    "listingId" TEXT NOT NULL,
    "parcelId" TEXT NOT NULL,

    PRIMARY KEY ("listingId", "parcelId"),
    CONSTRAINT "ListingParcel_listingId_fkey" FOREIGN KEY ("listingId") REFERENCES "Listing" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ListingParcel_parcelId_fkey" FOREIGN KEY ("parcelId") REFERENCES "Parcel" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DataImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PREVIEW',
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "stagedFile" TEXT,
    "sourceCrs" TEXT,
    "mapping" TEXT,
    "report" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "valid" INTEGER NOT NULL DEFAULT 0,
    "invalid" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "progress" REAL NOT NULL DEFAULT 0,
    "error" TEXT,
    "townId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committedAt" DATETIME,
    CONSTRAINT "DataImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable: ADD COLUMN rather than Prisma's table rebuild, which would drop the triggers of
-- migrations 20261201000000, 20261201010000 and 20261201020000 on Listing and Deal.
ALTER TABLE "Listing" ADD COLUMN "origin" TEXT NOT NULL DEFAULT 'PLATFORM';
ALTER TABLE "Deal" ADD COLUMN "contractCode" TEXT;
ALTER TABLE "Deal" ADD COLUMN "contractingContractCode" TEXT;
ALTER TABLE "Deal" ADD COLUMN "contractorCode" TEXT;
ALTER TABLE "Deal" ADD COLUMN "endsOn" DATETIME;
ALTER TABLE "Deal" ADD COLUMN "externalKey" TEXT;
ALTER TABLE "Deal" ADD COLUMN "feeNote" TEXT;
ALTER TABLE "Deal" ADD COLUMN "filedAt" DATETIME;
ALTER TABLE "Deal" ADD COLUMN "filedById" TEXT;
ALTER TABLE "Deal" ADD COLUMN "importId" TEXT;
ALTER TABLE "Deal" ADD COLUMN "origin" TEXT NOT NULL DEFAULT 'PLATFORM';
ALTER TABLE "Deal" ADD COLUMN "startsOn" DATETIME;
ALTER TABLE "Deal" ADD COLUMN "transfereeCode" TEXT;
ALTER TABLE "Deal" ADD COLUMN "useAfter" TEXT;
ALTER TABLE "Deal" ADD COLUMN "useBefore" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Deal_externalKey_key" ON "Deal"("externalKey");

-- CreateIndex
CREATE INDEX "Deal_origin_status_idx" ON "Deal"("origin", "status");


-- CreateIndex
CREATE UNIQUE INDEX "Parcel_code_key" ON "Parcel"("code");

-- CreateIndex
CREATE INDEX "Parcel_villageId_idx" ON "Parcel"("villageId");

-- CreateIndex
CREATE INDEX "Parcel_townId_idx" ON "Parcel"("townId");

-- CreateIndex
CREATE INDEX "Parcel_minLng_maxLng_minLat_maxLat_idx" ON "Parcel"("minLng", "maxLng", "minLat", "maxLat");

-- CreateIndex
CREATE INDEX "ListingParcel_parcelId_idx" ON "ListingParcel"("parcelId");

-- CreateIndex
CREATE INDEX "DataImport_kind_createdAt_idx" ON "DataImport"("kind", "createdAt");

