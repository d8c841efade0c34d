/**
 * Before each integration test file: a private copy of the seeded base database, named by the
 * worker and file so parallel files never share one. Set before any app module is imported.
 */
import { copyBaseDatabase } from "./test-databases";

process.env.DATABASE_URL = (await copyBaseDatabase("seeded", "test")).url;
