-- CreateTable
CREATE TABLE "AuditPending" (
    "id" SERIAL NOT NULL,
    "actorId" TEXT,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "reason" TEXT,
    "params" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditPending_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditPending_entityId_idx" ON "AuditPending"("entityId");

