-- What the SQLite migrations do beyond tables and indexes, in PostgreSQL's terms (decision 021):
-- listing search keys, the full-text index, the listing change log, and the aggregates kept by
-- triggers. Same rules, same names; see the SQLite migrations for the reasons behind each.

-- ------------------------------------------------------------ search keys (decision 020)
CREATE SEQUENCE "Listing_searchKey_seq" OWNED BY "Listing"."searchKey";

CREATE FUNCTION "listing_search_key"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."searchKey" IS NULL THEN
        NEW."searchKey" := nextval('"Listing_searchKey_seq"');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "listing_search_key" BEFORE INSERT ON "Listing" FOR EACH ROW EXECUTE FUNCTION "listing_search_key"();

-- ------------------------------------------------------------ full-text index
-- The same character unigrams and bigrams as SQLite's FTS5 index (app/utils/search-tokens.ts),
-- stored as exact lexemes (array_to_tsvector: no parser, no dictionary) under a GIN index, keyed
-- by the listing's search key.
CREATE TABLE "listing_fts" (
    "key" INTEGER NOT NULL PRIMARY KEY,
    "tokens" tsvector NOT NULL
);
CREATE INDEX "listing_fts_tokens_idx" ON "listing_fts" USING GIN ("tokens");

-- ------------------------------------------------------------ the listing change log (decision 015)
CREATE FUNCTION "listing_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO "ListingChange" ("listingId") VALUES (OLD."id");
    ELSE
        INSERT INTO "ListingChange" ("listingId") VALUES (NEW."id");
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER "listing_change_insert" AFTER INSERT ON "Listing" FOR EACH ROW
WHEN (NEW."status" = 'PUBLISHED') EXECUTE FUNCTION "listing_change"();

CREATE TRIGGER "listing_change_update" AFTER UPDATE OF "status", "type", "title", "description", "townId", "villageId", "lat", "lng", "boundary", "area", "areaUnit", "price", "priceUnit", "transferMode", "publishedAt" ON "Listing" FOR EACH ROW
WHEN (OLD."status" = 'PUBLISHED' OR NEW."status" = 'PUBLISHED') EXECUTE FUNCTION "listing_change"();

CREATE TRIGGER "listing_change_delete" AFTER DELETE ON "Listing" FOR EACH ROW
WHEN (OLD."status" = 'PUBLISHED') EXECUTE FUNCTION "listing_change"();

-- Names and codes of places show on the map and in the filters: the engine reloads.
CREATE FUNCTION "place_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "ListingChange" ("listingId") VALUES ('');
    RETURN NULL;
END $$;
CREATE TRIGGER "town_change" AFTER INSERT OR UPDATE OR DELETE ON "Town" FOR EACH ROW EXECUTE FUNCTION "place_change"();
CREATE TRIGGER "village_change" AFTER INSERT OR UPDATE OR DELETE ON "Village" FOR EACH ROW EXECUTE FUNCTION "place_change"();

-- ------------------------------------------------------------ aggregates (decision 018)
INSERT INTO "AggregateVersion" ("name", "version") VALUES ('completedDeals', 1);

-- Exact integer sums: numeric rounding is half away from zero, as SQLite's round().
CREATE FUNCTION "micro"(v double precision) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT round(v::numeric * 1000000)::bigint $$;
CREATE FUNCTION "fen"(v double precision) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT round(v::numeric * 100)::bigint $$;

-- Listings per village, and per town, type, status, published flag and area unit.
CREATE FUNCTION "listing_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF TG_OP = 'DELETE' OR OLD."villageId" IS DISTINCT FROM NEW."villageId" THEN
            UPDATE "VillageTally" SET "count" = "count" - 1 WHERE "villageId" = OLD."villageId";
        END IF;
        IF TG_OP = 'DELETE' OR OLD."townId" IS DISTINCT FROM NEW."townId" OR OLD."type" IS DISTINCT FROM NEW."type"
            OR OLD."status" IS DISTINCT FROM NEW."status" OR (OLD."publishedAt" IS NULL) <> (NEW."publishedAt" IS NULL)
            OR OLD."area" IS DISTINCT FROM NEW."area" OR OLD."areaUnit" IS DISTINCT FROM NEW."areaUnit" THEN
            UPDATE "ListingTally" SET "count" = "count" - 1, "areaMicro" = "areaMicro" - "micro"(OLD."area")
            WHERE "townId" = OLD."townId" AND "type" = OLD."type" AND "status" = OLD."status"
              AND "published" = (OLD."publishedAt" IS NOT NULL) AND "areaUnit" = OLD."areaUnit";
        ELSIF TG_OP = 'UPDATE' THEN
            -- Nothing the listing tallies group or sum by changed.
            IF OLD."villageId" IS NOT DISTINCT FROM NEW."villageId" THEN RETURN NULL; END IF;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF TG_OP = 'INSERT' OR OLD."villageId" IS DISTINCT FROM NEW."villageId" THEN
            INSERT INTO "VillageTally" ("villageId", "count") VALUES (NEW."villageId", 1)
            ON CONFLICT ("villageId") DO UPDATE SET "count" = "VillageTally"."count" + 1;
        END IF;
        IF TG_OP = 'INSERT' OR OLD."townId" IS DISTINCT FROM NEW."townId" OR OLD."type" IS DISTINCT FROM NEW."type"
            OR OLD."status" IS DISTINCT FROM NEW."status" OR (OLD."publishedAt" IS NULL) <> (NEW."publishedAt" IS NULL)
            OR OLD."area" IS DISTINCT FROM NEW."area" OR OLD."areaUnit" IS DISTINCT FROM NEW."areaUnit" THEN
            INSERT INTO "ListingTally" ("townId", "type", "status", "published", "areaUnit", "count", "areaMicro")
            VALUES (NEW."townId", NEW."type", NEW."status", NEW."publishedAt" IS NOT NULL, NEW."areaUnit", 1, "micro"(NEW."area"))
            ON CONFLICT ("townId", "type", "status", "published", "areaUnit")
            DO UPDATE SET "count" = "ListingTally"."count" + 1, "areaMicro" = "ListingTally"."areaMicro" + excluded."areaMicro";
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "listing_tally" AFTER INSERT OR UPDATE OR DELETE ON "Listing" FOR EACH ROW EXECUTE FUNCTION "listing_tally"();

-- Deals per their listing's town and type, and status; a deal carries a copy of that town and type.
CREATE FUNCTION "deal_place"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT l."townId", l."type" INTO NEW."townId", NEW."listingType" FROM "Listing" l WHERE l."id" = NEW."listingId";
    RETURN NEW;
END $$;
CREATE TRIGGER "deal_place" BEFORE INSERT OR UPDATE ON "Deal" FOR EACH ROW EXECUTE FUNCTION "deal_place"();

CREATE FUNCTION "deal_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD."status" IS NOT DISTINCT FROM NEW."status" AND OLD."totalValueYuan" IS NOT DISTINCT FROM NEW."totalValueYuan"
        AND OLD."townId" IS NOT DISTINCT FROM NEW."townId" AND OLD."listingType" IS NOT DISTINCT FROM NEW."listingType" THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE "DealTally" SET "count" = "count" - 1, "valueFen" = "valueFen" - "fen"(OLD."totalValueYuan")
        WHERE "townId" = OLD."townId" AND "type" = OLD."listingType" AND "status" = OLD."status";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO "DealTally" ("townId", "type", "status", "count", "valueFen")
        VALUES (NEW."townId", NEW."listingType", NEW."status", 1, "fen"(NEW."totalValueYuan"))
        ON CONFLICT ("townId", "type", "status") DO UPDATE SET "count" = "DealTally"."count" + 1, "valueFen" = "DealTally"."valueFen" + excluded."valueFen";
    END IF;
    -- Any change to a completed deal (or into or out of COMPLETED) changes the deal figures.
    IF (TG_OP <> 'INSERT' AND OLD."status" = 'COMPLETED') OR (TG_OP <> 'DELETE' AND NEW."status" = 'COMPLETED') THEN
        UPDATE "AggregateVersion" SET "version" = "version" + 1 WHERE "name" = 'completedDeals';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "deal_tally" AFTER INSERT OR UPDATE OR DELETE ON "Deal" FOR EACH ROW EXECUTE FUNCTION "deal_tally"();

-- A listing moving town or type takes its deals along (their copies, hence their tallies); the
-- completed-deal figures also read the listing's land class and publication.
CREATE FUNCTION "listing_of_deals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."townId" IS DISTINCT FROM NEW."townId" OR OLD."type" IS DISTINCT FROM NEW."type" THEN
        UPDATE "Deal" SET "townId" = NEW."townId", "listingType" = NEW."type" WHERE "listingId" = NEW."id";
    END IF;
    IF (OLD."townId" IS DISTINCT FROM NEW."townId" OR OLD."type" IS DISTINCT FROM NEW."type"
        OR OLD."landClass" IS DISTINCT FROM NEW."landClass" OR OLD."publishedAt" IS DISTINCT FROM NEW."publishedAt")
        AND EXISTS (SELECT 1 FROM "Deal" WHERE "listingId" = NEW."id" AND "status" = 'COMPLETED') THEN
        UPDATE "AggregateVersion" SET "version" = "version" + 1 WHERE "name" = 'completedDeals';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER "listing_of_deals" AFTER UPDATE OF "townId", "type", "landClass", "publishedAt" ON "Listing" FOR EACH ROW EXECUTE FUNCTION "listing_of_deals"();
