import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { DEV_AUTH_SECRET, parseEnv } from "@/lib/env";

describe("the environment (lib/env.ts)", () => {
  it("fills every default: the embedded database, the worker pool, the port", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: "file:./data/gradlab.db",
      SIM_WORKERS: Math.max(2, availableParallelism()),
      GUEST_CREATIONS_PER_HOUR: 300,
      PORT: 3000,
      HOST: "0.0.0.0",
      TRUSTED_PROXIES: [],
    });
  });

  it("treats an empty variable as unset and coerces numbers", () => {
    const env = parseEnv({ DATABASE_URL: "", SIM_WORKERS: "3", PORT: "4000", BETTER_AUTH_URL: "" });
    expect(env).toMatchObject({ DATABASE_URL: "file:./data/gradlab.db", SIM_WORKERS: 3, PORT: 4000 });
    expect(env.BETTER_AUTH_URL).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: "mysql://localhost/gradlab" }, /DATABASE_URL: must be a SQLite file: URL/],
    [{ SIM_WORKERS: "0" }, /SIM_WORKERS/],
    [{ SIM_WORKERS: "many" }, /SIM_WORKERS/],
    [{ GUEST_CREATIONS_PER_HOUR: "0" }, /GUEST_CREATIONS_PER_HOUR/],
    [{ PORT: "99999" }, /PORT: must be a port number/],
    [{ NODE_ENV: "staging" }, /NODE_ENV/],
    [{ TRUSTED_PROXIES: "nginx" }, /TRUSTED_PROXIES: must be addresses, CIDR ranges/],
    [{ TRUSTED_PROXIES: "10.0.0.0/33" }, /TRUSTED_PROXIES/],
    [{ TRUSTED_PROXIES: "127.0.0.1, unknown" }, /TRUSTED_PROXIES/],
    [{ BETTER_AUTH_URL: "not a url" }, /BETTER_AUTH_URL: must be the site's public URL/],
    [{ BETTER_AUTH_SECRET: "short" }, /BETTER_AUTH_SECRET: must be at least 32 characters/],
    [{ NODE_ENV: "production", BETTER_AUTH_SECRET: DEV_AUTH_SECRET }, /BETTER_AUTH_SECRET: is the public development/],
  ])("refuses %o with a message naming the variable", (vars, message) => {
    expect(() => parseEnv(vars)).toThrow(message);
    expect(() => parseEnv(vars)).toThrow(/^Invalid environment:/);
  });

  it("reads the trusted proxies as a list of addresses, ranges and names", () => {
    expect(parseEnv({ TRUSTED_PROXIES: " loopback, 10.0.0.0/8 ,fd00::/8,192.168.1.7 " }).TRUSTED_PROXIES).toEqual([
      "loopback",
      "10.0.0.0/8",
      "fd00::/8",
      "192.168.1.7",
    ]);
  });

  it("names every bad variable at once", () => {
    expect(() => parseEnv({ PORT: "x", SIM_WORKERS: "0" })).toThrow(/PORT[\s\S]*SIM_WORKERS|SIM_WORKERS[\s\S]*PORT/);
  });
});
