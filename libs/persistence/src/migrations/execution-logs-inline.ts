// The statements the SQLite and PostgreSQL migrations ExecutionLogsInline share (the same SQL
// on both): the logs copied into their runs' rows, and back.

export const COPY_LOGS_INTO_RUNS = `UPDATE "executions" AS e SET "modules" = l."modules", "input" = l."input",
  "response" = l."response", "blueprint" = l."blueprint", "confidential" = l."confidential"
FROM "execution_logs" AS l WHERE l."executionId" = e."id"`;

export const COPY_LOGS_BACK = `INSERT INTO "execution_logs" ("executionId", "modules", "input", "response", "blueprint", "confidential")
SELECT "id", "modules", "input", "response", "blueprint", "confidential" FROM "executions"`;
