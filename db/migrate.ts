/** npm run db:migrate: applies the committed SQL migrations to DATABASE_URL (the embedded database migrates itself). */
import { migrateDatabase } from "./client";
import { databaseEnv } from "./env";

const url = databaseEnv().DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. The embedded database (PGlite) applies its migrations on start.");
  process.exit(2);
}
await migrateDatabase(url);
console.log("Migrations applied.");
