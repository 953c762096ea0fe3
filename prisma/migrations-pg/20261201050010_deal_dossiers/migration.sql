-- CreateTable
CREATE TABLE "DealDossier" (
    "dealId" TEXT NOT NULL,
    "manifestHash" TEXT NOT NULL,
    "files" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DealDossier_pkey" PRIMARY KEY ("dealId")
);

-- AddForeignKey
ALTER TABLE "DealDossier" ADD CONSTRAINT "DealDossier_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

