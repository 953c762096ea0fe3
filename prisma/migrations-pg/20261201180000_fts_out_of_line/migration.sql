-- The full-text table's tokens out of its heap (decision 039). Finding a common word's listings
-- (耕地: 250,401 of 1,000,000) reads the key of every match from the heap, where each row held its
-- tsvector inline, about 1 KB: a 1 GB heap, 0.4-1.5 s per ask. PostgreSQL moves a value to TOAST
-- only when its row exceeds about 2 KB, whatever toast_tuple_target says. A padding value that
-- compresses to a few bytes makes every new row that long; with toast_tuple_target at its minimum
-- the tokens then go out of line, and the heap keeps about 90 bytes a row (89 MB at a million).
-- Writes (pgIndexUpsert) write the padding again, so an edited row goes out of line too.
CREATE TABLE "listing_fts_new" (
    "key" INTEGER NOT NULL,
    "tokens" tsvector NOT NULL,
    "pad" text NOT NULL DEFAULT repeat(' ', 2100),
    CONSTRAINT "listing_fts_new_pkey" PRIMARY KEY ("key")
) WITH (toast_tuple_target = 128);
INSERT INTO "listing_fts_new" ("key", "tokens") SELECT "key", "tokens" FROM "listing_fts" ORDER BY "key";
DROP TABLE "listing_fts";
ALTER TABLE "listing_fts_new" RENAME TO "listing_fts";
ALTER TABLE "listing_fts" RENAME CONSTRAINT "listing_fts_new_pkey" TO "listing_fts_pkey";
CREATE INDEX "listing_fts_tokens_idx" ON "listing_fts" USING GIN ("tokens");
