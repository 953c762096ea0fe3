-- Aggregates kept by the database itself (docs/decisions/018): every write to Listing or Deal
-- adjusts small tally tables in the same transaction, whichever process or script wrote it, so
-- /stats, /ledger and the admin pages read a few hundred rows instead of grouping whole tables.
-- Sums are integers (area in millionths, yuan in fen): integer addition and subtraction never
-- drift, however many changes pass through a row.

-- CreateTable
CREATE TABLE "ListingTally" (
    "townId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL,
    "areaUnit" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "areaMicro" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("townId", "type", "status", "published", "areaUnit")
);

-- CreateTable
CREATE TABLE "DealTally" (
    "townId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "valueFen" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("townId", "type", "status")
);

-- CreateTable
CREATE TABLE "VillageTally" (
    "villageId" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "AggregateVersion" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex: the sweep's expiry query (status = PUBLISHED, expiresAt <= now).
CREATE INDEX "Listing_status_expiresAt_idx" ON "Listing"("status", "expiresAt");

-- CreateIndex: the admin listing list, newest change first, with or without a status or town.
CREATE INDEX "Listing_updatedAt_id_idx" ON "Listing"("updatedAt", "id");
CREATE INDEX "Listing_status_updatedAt_id_idx" ON "Listing"("status", "updatedAt", "id");
CREATE INDEX "Listing_townId_updatedAt_id_idx" ON "Listing"("townId", "updatedAt", "id");

-- CreateIndex: the ledger in its order (newest notice first) and its date filters; the sweep's notice query.
CREATE INDEX "Deal_noticeStartsAt_id_idx" ON "Deal"("noticeStartsAt", "id");
CREATE INDEX "Deal_certifiedAt_idx" ON "Deal"("certifiedAt");
CREATE INDEX "Deal_status_noticeEndsAt_idx" ON "Deal"("status", "noticeEndsAt");

CREATE INDEX "Deal_status_id_idx" ON "Deal"("status", "id");

-- The ledger's town and type filters on Deal itself: the listing's, copied by the triggers below.
ALTER TABLE "Deal" ADD COLUMN "townId" TEXT;
ALTER TABLE "Deal" ADD COLUMN "listingType" TEXT;
UPDATE "Deal" SET "townId" = (SELECT l."townId" FROM "Listing" l WHERE l."id" = "Deal"."listingId"),
    "listingType" = (SELECT l."type" FROM "Listing" l WHERE l."id" = "Deal"."listingId");
CREATE INDEX "Deal_townId_noticeStartsAt_id_idx" ON "Deal"("townId", "noticeStartsAt", "id");
CREATE INDEX "Deal_listingType_noticeStartsAt_id_idx" ON "Deal"("listingType", "noticeStartsAt", "id");
CREATE INDEX "Deal_townId_listingType_noticeStartsAt_id_idx" ON "Deal"("townId", "listingType", "noticeStartsAt", "id");

-- CreateIndex: the admin account list, newest first.
CREATE INDEX "User_createdAt_idx" ON "User"("createdAt");

-- Backfill from the rows already there.
INSERT INTO "ListingTally" ("townId", "type", "status", "published", "areaUnit", "count", "areaMicro")
SELECT "townId", "type", "status", "publishedAt" IS NOT NULL, "areaUnit", count(*), sum(CAST(round("area" * 1000000) AS INTEGER))
FROM "Listing" GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "DealTally" ("townId", "type", "status", "count", "valueFen")
SELECT l."townId", l."type", d."status", count(*), sum(CAST(round(d."totalValueYuan" * 100) AS INTEGER))
FROM "Deal" d JOIN "Listing" l ON l."id" = d."listingId" GROUP BY 1, 2, 3;

INSERT INTO "VillageTally" ("villageId", "count") SELECT "villageId", count(*) FROM "Listing" GROUP BY 1;

INSERT INTO "AggregateVersion" ("name", "version") VALUES ('completedDeals', 1);

-- Listings per village (the admin's place list).
CREATE TRIGGER "VillageTally_insert" AFTER INSERT ON "Listing" BEGIN
    INSERT INTO "VillageTally" ("villageId", "count") VALUES (NEW."villageId", 1)
    ON CONFLICT ("villageId") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "VillageTally_delete" AFTER DELETE ON "Listing" BEGIN
    UPDATE "VillageTally" SET "count" = "count" - 1 WHERE "villageId" = OLD."villageId";
END;

CREATE TRIGGER "VillageTally_update" AFTER UPDATE OF "villageId" ON "Listing" WHEN OLD."villageId" IS NOT NEW."villageId" BEGIN
    UPDATE "VillageTally" SET "count" = "count" - 1 WHERE "villageId" = OLD."villageId";
    INSERT INTO "VillageTally" ("villageId", "count") VALUES (NEW."villageId", 1)
    ON CONFLICT ("villageId") DO UPDATE SET "count" = "count" + 1;
END;

-- Listings: one row out of its old group, into its new one.
CREATE TRIGGER "ListingTally_insert" AFTER INSERT ON "Listing" BEGIN
    INSERT INTO "ListingTally" ("townId", "type", "status", "published", "areaUnit", "count", "areaMicro")
    VALUES (NEW."townId", NEW."type", NEW."status", NEW."publishedAt" IS NOT NULL, NEW."areaUnit", 1, CAST(round(NEW."area" * 1000000) AS INTEGER))
    ON CONFLICT ("townId", "type", "status", "published", "areaUnit")
    DO UPDATE SET "count" = "count" + 1, "areaMicro" = "areaMicro" + excluded."areaMicro";
END;

CREATE TRIGGER "ListingTally_delete" AFTER DELETE ON "Listing" BEGIN
    UPDATE "ListingTally" SET "count" = "count" - 1, "areaMicro" = "areaMicro" - CAST(round(OLD."area" * 1000000) AS INTEGER)
    WHERE "townId" = OLD."townId" AND "type" = OLD."type" AND "status" = OLD."status"
      AND "published" = (OLD."publishedAt" IS NOT NULL) AND "areaUnit" = OLD."areaUnit";
END;

CREATE TRIGGER "ListingTally_update" AFTER UPDATE OF "townId", "type", "status", "publishedAt", "area", "areaUnit" ON "Listing"
WHEN OLD."townId" IS NOT NEW."townId" OR OLD."type" IS NOT NEW."type" OR OLD."status" IS NOT NEW."status"
  OR (OLD."publishedAt" IS NULL) IS NOT (NEW."publishedAt" IS NULL) OR OLD."area" IS NOT NEW."area" OR OLD."areaUnit" IS NOT NEW."areaUnit"
BEGIN
    UPDATE "ListingTally" SET "count" = "count" - 1, "areaMicro" = "areaMicro" - CAST(round(OLD."area" * 1000000) AS INTEGER)
    WHERE "townId" = OLD."townId" AND "type" = OLD."type" AND "status" = OLD."status"
      AND "published" = (OLD."publishedAt" IS NOT NULL) AND "areaUnit" = OLD."areaUnit";
    INSERT INTO "ListingTally" ("townId", "type", "status", "published", "areaUnit", "count", "areaMicro")
    VALUES (NEW."townId", NEW."type", NEW."status", NEW."publishedAt" IS NOT NULL, NEW."areaUnit", 1, CAST(round(NEW."area" * 1000000) AS INTEGER))
    ON CONFLICT ("townId", "type", "status", "published", "areaUnit")
    DO UPDATE SET "count" = "count" + 1, "areaMicro" = "areaMicro" + excluded."areaMicro";
END;

-- Deals: grouped by their listing's town and type.
CREATE TRIGGER "DealTally_insert" AFTER INSERT ON "Deal" BEGIN
    INSERT INTO "DealTally" ("townId", "type", "status", "count", "valueFen")
    SELECT l."townId", l."type", NEW."status", 1, CAST(round(NEW."totalValueYuan" * 100) AS INTEGER) FROM "Listing" l WHERE l."id" = NEW."listingId"
    ON CONFLICT ("townId", "type", "status") DO UPDATE SET "count" = "count" + 1, "valueFen" = "valueFen" + excluded."valueFen";
    UPDATE "AggregateVersion" SET "version" = "version" + 1 WHERE "name" = 'completedDeals' AND NEW."status" = 'COMPLETED';
END;

CREATE TRIGGER "DealTally_delete" AFTER DELETE ON "Deal" BEGIN
    UPDATE "DealTally" SET "count" = "count" - 1, "valueFen" = "valueFen" - CAST(round(OLD."totalValueYuan" * 100) AS INTEGER)
    WHERE "status" = OLD."status" AND ("townId", "type") = (SELECT l."townId", l."type" FROM "Listing" l WHERE l."id" = OLD."listingId");
    UPDATE "AggregateVersion" SET "version" = "version" + 1 WHERE "name" = 'completedDeals' AND OLD."status" = 'COMPLETED';
END;

CREATE TRIGGER "DealTally_update" AFTER UPDATE ON "Deal" BEGIN
    UPDATE "DealTally" SET "count" = "count" - 1, "valueFen" = "valueFen" - CAST(round(OLD."totalValueYuan" * 100) AS INTEGER)
    WHERE (OLD."status" IS NOT NEW."status" OR OLD."totalValueYuan" IS NOT NEW."totalValueYuan" OR OLD."listingId" IS NOT NEW."listingId")
      AND "status" = OLD."status" AND ("townId", "type") = (SELECT l."townId", l."type" FROM "Listing" l WHERE l."id" = OLD."listingId");
    INSERT INTO "DealTally" ("townId", "type", "status", "count", "valueFen")
    SELECT l."townId", l."type", NEW."status", 1, CAST(round(NEW."totalValueYuan" * 100) AS INTEGER) FROM "Listing" l
    WHERE l."id" = NEW."listingId" AND (OLD."status" IS NOT NEW."status" OR OLD."totalValueYuan" IS NOT NEW."totalValueYuan" OR OLD."listingId" IS NOT NEW."listingId")
    ON CONFLICT ("townId", "type", "status") DO UPDATE SET "count" = "count" + 1, "valueFen" = "valueFen" + excluded."valueFen";
    -- Any change to a completed deal (or into or out of COMPLETED) changes the deal figures.
    UPDATE "AggregateVersion" SET "version" = "version" + 1 WHERE "name" = 'completedDeals' AND (OLD."status" = 'COMPLETED' OR NEW."status" = 'COMPLETED');
END;

-- A listing with deals moving town or type takes its deals' tallies along.
CREATE TRIGGER "DealTally_listing_move" AFTER UPDATE OF "townId", "type" ON "Listing"
WHEN (OLD."townId" IS NOT NEW."townId" OR OLD."type" IS NOT NEW."type") AND EXISTS (SELECT 1 FROM "Deal" WHERE "listingId" = NEW."id")
BEGIN
    UPDATE "DealTally" SET
        "count" = "count" - (SELECT count(*) FROM "Deal" d WHERE d."listingId" = NEW."id" AND d."status" = "DealTally"."status"),
        "valueFen" = "valueFen" - (SELECT coalesce(sum(CAST(round(d."totalValueYuan" * 100) AS INTEGER)), 0) FROM "Deal" d WHERE d."listingId" = NEW."id" AND d."status" = "DealTally"."status")
    WHERE "townId" = OLD."townId" AND "type" = OLD."type";
    INSERT INTO "DealTally" ("townId", "type", "status", "count", "valueFen")
    SELECT NEW."townId", NEW."type", d."status", count(*), sum(CAST(round(d."totalValueYuan" * 100) AS INTEGER)) FROM "Deal" d
    WHERE d."listingId" = NEW."id" GROUP BY d."status"
    ON CONFLICT ("townId", "type", "status") DO UPDATE SET "count" = "count" + excluded."count", "valueFen" = "valueFen" + excluded."valueFen";
END;

-- The completed-deal figures also read the listing's town, type, land class and publication.
CREATE TRIGGER "AggregateVersion_listing_of_deal" AFTER UPDATE OF "townId", "type", "landClass", "publishedAt" ON "Listing"
WHEN (OLD."townId" IS NOT NEW."townId" OR OLD."type" IS NOT NEW."type" OR OLD."landClass" IS NOT NEW."landClass" OR OLD."publishedAt" IS NOT NEW."publishedAt")
  AND EXISTS (SELECT 1 FROM "Deal" WHERE "listingId" = NEW."id" AND "status" = 'COMPLETED')
BEGIN
    UPDATE "AggregateVersion" SET "version" = "version" + 1 WHERE "name" = 'completedDeals';
END;

-- A deal's copy of its listing's town and type, on insert, on a change of listing, and when the listing moves.
CREATE TRIGGER "Deal_place_insert" AFTER INSERT ON "Deal" BEGIN
    UPDATE "Deal" SET "townId" = (SELECT l."townId" FROM "Listing" l WHERE l."id" = NEW."listingId"),
        "listingType" = (SELECT l."type" FROM "Listing" l WHERE l."id" = NEW."listingId")
    WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Deal_place_listing" AFTER UPDATE OF "listingId", "townId", "listingType" ON "Deal"
WHEN OLD."listingId" IS NOT NEW."listingId"
  OR NEW."townId" IS NOT (SELECT l."townId" FROM "Listing" l WHERE l."id" = NEW."listingId")
  OR NEW."listingType" IS NOT (SELECT l."type" FROM "Listing" l WHERE l."id" = NEW."listingId")
BEGIN
    UPDATE "Deal" SET "townId" = (SELECT l."townId" FROM "Listing" l WHERE l."id" = NEW."listingId"),
        "listingType" = (SELECT l."type" FROM "Listing" l WHERE l."id" = NEW."listingId")
    WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Deal_place_move" AFTER UPDATE OF "townId", "type" ON "Listing"
WHEN OLD."townId" IS NOT NEW."townId" OR OLD."type" IS NOT NEW."type"
BEGIN
    UPDATE "Deal" SET "townId" = NEW."townId", "listingType" = NEW."type" WHERE "listingId" = NEW."id";
END;
