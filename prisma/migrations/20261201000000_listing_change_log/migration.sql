-- The listing change log (docs/decisions/015), filled by triggers so that every writer (the app in
-- any process, seed scripts, the CLI, a hand-run UPDATE) is seen the same way by every process.
CREATE TABLE "ListingChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "listingId" TEXT NOT NULL
);

-- A listing matters to the map while it is published, and when it stops being published.
CREATE TRIGGER "listing_change_insert" AFTER INSERT ON "Listing"
WHEN NEW."status" = 'PUBLISHED'
BEGIN
    INSERT INTO "ListingChange" ("listingId") VALUES (NEW."id");
END;

CREATE TRIGGER "listing_change_update" AFTER UPDATE OF "status", "type", "title", "description", "townId", "villageId", "lat", "lng", "boundary", "area", "areaUnit", "price", "priceUnit", "transferMode", "publishedAt" ON "Listing"
WHEN OLD."status" = 'PUBLISHED' OR NEW."status" = 'PUBLISHED'
BEGIN
    INSERT INTO "ListingChange" ("listingId") VALUES (NEW."id");
END;

CREATE TRIGGER "listing_change_delete" AFTER DELETE ON "Listing"
WHEN OLD."status" = 'PUBLISHED'
BEGIN
    INSERT INTO "ListingChange" ("listingId") VALUES (OLD."id");
END;

-- Names and codes of places show on the map and in the filters: the engine reloads.
CREATE TRIGGER "town_change_insert" AFTER INSERT ON "Town" BEGIN INSERT INTO "ListingChange" ("listingId") VALUES (''); END;
CREATE TRIGGER "town_change_update" AFTER UPDATE ON "Town" BEGIN INSERT INTO "ListingChange" ("listingId") VALUES (''); END;
CREATE TRIGGER "town_change_delete" AFTER DELETE ON "Town" BEGIN INSERT INTO "ListingChange" ("listingId") VALUES (''); END;
CREATE TRIGGER "village_change_insert" AFTER INSERT ON "Village" BEGIN INSERT INTO "ListingChange" ("listingId") VALUES (''); END;
CREATE TRIGGER "village_change_update" AFTER UPDATE ON "Village" BEGIN INSERT INTO "ListingChange" ("listingId") VALUES (''); END;
CREATE TRIGGER "village_change_delete" AFTER DELETE ON "Village" BEGIN INSERT INTO "ListingChange" ("listingId") VALUES (''); END;
