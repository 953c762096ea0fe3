-- CreateTable
CREATE TABLE "SignupAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ip" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SignupAttempt_ip_createdAt_idx" ON "SignupAttempt"("ip", "createdAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_login_ip_createdAt_idx" ON "LoginAttempt"("login", "ip", "createdAt");

