-- How long a listing stays published once approved (挂牌期限, days).
ALTER TABLE "Listing" ADD COLUMN "listingDays" INTEGER NOT NULL DEFAULT 365;
