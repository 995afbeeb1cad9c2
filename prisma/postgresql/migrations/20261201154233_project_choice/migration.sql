-- CreateTable
CREATE TABLE "project_choice" (
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "projectId" INTEGER NOT NULL,
    "chosenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "project_choice_pkey" PRIMARY KEY ("platform","userId")
);
