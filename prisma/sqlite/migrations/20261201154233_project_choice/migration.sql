-- CreateTable
CREATE TABLE "project_choice" (
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "projectId" INTEGER NOT NULL,
    "chosenAt" DATETIME NOT NULL,

    PRIMARY KEY ("platform", "userId")
);
