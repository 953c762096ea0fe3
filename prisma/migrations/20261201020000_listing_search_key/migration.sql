-- Listings get a stable integer key, and the full-text index uses it as its row id (decision 020),
-- so a text search returns integers: at a million listings, reading each matching row's listing
-- id out of the index's content table cost seconds for a common word; its row ids cost ~50 ms.

-- AlterTable
ALTER TABLE "Listing" ADD COLUMN "searchKey" INTEGER;

-- Existing listings take their row order as keys. Not touched by the change-log trigger
-- (AFTER UPDATE OF its own columns only).
UPDATE "Listing" SET "searchKey" = rowid;

-- CreateIndex
CREATE UNIQUE INDEX "Listing_searchKey_key" ON "Listing"("searchKey");

-- A new listing takes the next key, whoever inserts it (the app, a seed, the CLI). Not rowid: a
-- VACUUM (backups use VACUUM INTO) may renumber rowids, but the stored keys stay as they are.
CREATE TRIGGER "listing_search_key" AFTER INSERT ON "Listing"
WHEN NEW."searchKey" IS NULL
BEGIN
    UPDATE "Listing" SET "searchKey" = (SELECT coalesce(max("searchKey"), 0) + 1 FROM "Listing") WHERE "id" = NEW."id";
END;

-- The full-text index again, its row id the listing's key, and no listing id column.
CREATE VIRTUAL TABLE "listing_fts_keyed" USING fts5(
    "tokens",
    tokenize = 'unicode61 remove_diacritics 2'
);
-- A listing indexed twice (an old append) keeps its latest text.
INSERT OR REPLACE INTO "listing_fts_keyed" (rowid, "tokens")
SELECT l."searchKey", f."tokens" FROM "listing_fts" f JOIN "Listing" l ON l."id" = f."listing_id" ORDER BY f.rowid;
DROP TABLE "listing_fts";
ALTER TABLE "listing_fts_keyed" RENAME TO "listing_fts";

-- One merged index, not the hundred thousand small segments a one-statement rebuild leaves
-- (a common word read 3–8× slower from those at a million listings).
INSERT INTO "listing_fts" ("listing_fts") VALUES ('optimize');
