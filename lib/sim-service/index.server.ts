/** The app's one simulation service (worker pool + cache), kept across dev-mode reloads. */
import "server-only";
import { env } from "@/lib/env";
import { createSimPool } from "./pool";
import { createSimService, type SimService } from "./service";

const globalForSim = globalThis as unknown as { __gradlabSim?: SimService };

export const simService: SimService = globalForSim.__gradlabSim ?? createSimService(createSimPool(env.SIM_WORKERS));
globalForSim.__gradlabSim = simService;
