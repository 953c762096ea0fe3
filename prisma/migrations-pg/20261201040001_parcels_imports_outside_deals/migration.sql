-- AlterTable
ALTER TABLE "Listing" ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'PLATFORM';

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "contractCode" TEXT,
ADD COLUMN     "contractingContractCode" TEXT,
ADD COLUMN     "contractorCode" TEXT,
ADD COLUMN     "endsOn" TIMESTAMP(3),
ADD COLUMN     "externalKey" TEXT,
ADD COLUMN     "feeNote" TEXT,
ADD COLUMN     "filedAt" TIMESTAMP(3),
ADD COLUMN     "filedById" TEXT,
ADD COLUMN     "importId" TEXT,
ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'PLATFORM',
ADD COLUMN     "startsOn" TIMESTAMP(3),
ADD COLUMN     "transfereeCode" TEXT,
ADD COLUMN     "useAfter" TEXT,
ADD COLUMN     "useBefore" TEXT;

-- CreateTable
CREATE TABLE "Parcel" (
    "id" TEXT NOT NULL,
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
    "surveyedAreaM2" DOUBLE PRECISION NOT NULL,
    "surveyedAreaMu" DOUBLE PRECISION NOT NULL,
    "computedAreaM2" DOUBLE PRECISION NOT NULL,
    "east" TEXT,
    "south" TEXT,
    "west" TEXT,
    "north" TEXT,
    "surveyorName" TEXT,
    "remark" TEXT,
    "geometry" TEXT NOT NULL,
    "minLng" DOUBLE PRECISION NOT NULL,
    "minLat" DOUBLE PRECISION NOT NULL,
    "maxLng" DOUBLE PRECISION NOT NULL,
    "maxLat" DOUBLE PRECISION NOT NULL,
    "importId" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Parcel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ListingParcel" (
    "listingId" TEXT NOT NULL,
    "parcelId" TEXT NOT NULL,

    CONSTRAINT "ListingParcel_pkey" PRIMARY KEY ("listingId","parcelId")
);

-- CreateTable
CREATE TABLE "DataImport" (
    "id" TEXT NOT NULL,
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
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "townId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committedAt" TIMESTAMP(3),

    CONSTRAINT "DataImport_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE UNIQUE INDEX "Deal_externalKey_key" ON "Deal"("externalKey");

-- CreateIndex
CREATE INDEX "Deal_origin_status_idx" ON "Deal"("origin", "status");

-- AddForeignKey
ALTER TABLE "Parcel" ADD CONSTRAINT "Parcel_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Parcel" ADD CONSTRAINT "Parcel_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Parcel" ADD CONSTRAINT "Parcel_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DataImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListingParcel" ADD CONSTRAINT "ListingParcel_listingId_fkey" FOREIGN KEY ("listingId") REFERENCES "Listing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListingParcel" ADD CONSTRAINT "ListingParcel_parcelId_fkey" FOREIGN KEY ("parcelId") REFERENCES "Parcel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataImport" ADD CONSTRAINT "DataImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

