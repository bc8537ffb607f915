/** npm run db:migrate: applies the committed SQL migrations to DATABASE_URL (the embedded database migrates itself). */
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { MIGRATIONS_FOLDER, connectPostgres } from "./client";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. The embedded database (PGlite) applies its migrations on start.");
  process.exit(2);
}
const handle = await connectPostgres(url, { max: 1 });
await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
await handle.close();
console.log("Migrations applied.");
