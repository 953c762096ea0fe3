-- CreateTable
CREATE TABLE "DealDossier" (
    "dealId" TEXT NOT NULL PRIMARY KEY,
    "manifestHash" TEXT NOT NULL,
    "files" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DealDossier_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

