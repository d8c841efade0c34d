/**
 * Environment, validated once with zod. A bad value stops the process with a message naming
 * the variable, instead of failing later in an obscure way.
 */
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./db/database-url";
import { databaseUrlProblem, maskDatabaseUrl } from "./db/provider";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .superRefine((url, ctx) => {
      const problem = databaseUrlProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: `${problem} (got "${maskDatabaseUrl(url)}")` });
    })
    .default(DEFAULT_DATABASE_URL),
  /** worker threads for the simulation engine (default: cores − 1, at least 1) */
  SIM_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse({ ...source, DATABASE_URL: source.DATABASE_URL || undefined });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv();
