import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_AUTH_SECRET, resolveAuthSecret } from "@/lib/accounts/secret.server";

const tmpFile = () => path.join(mkdtempSync(path.join(tmpdir(), "gradlab-secret-")), "data", "auth-secret");

describe("resolveAuthSecret", () => {
  it("uses BETTER_AUTH_SECRET when it is long enough", () => {
    const secret = "x".repeat(40);
    expect(resolveAuthSecret({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret }, tmpFile())).toEqual({
      secret,
      source: "env",
    });
  });

  it("refuses a short secret and the public dev default in production", () => {
    expect(() => resolveAuthSecret({ NODE_ENV: "development", BETTER_AUTH_SECRET: "short" }, tmpFile())).toThrow(
      /at least 32 characters/,
    );
    expect(() => resolveAuthSecret({ NODE_ENV: "production", BETTER_AUTH_SECRET: DEV_AUTH_SECRET }, tmpFile())).toThrow(
      /development default/,
    );
  });

  it("uses the dev default outside production without touching the disk", () => {
    const file = tmpFile();
    expect(resolveAuthSecret({ NODE_ENV: "test" }, file)).toEqual({ secret: DEV_AUTH_SECRET, source: "dev-default" });
    expect(() => statSync(file)).toThrow();
  });

  it("in production without the variable generates a private secret file once and reuses it", () => {
    const file = tmpFile();
    const first = resolveAuthSecret({ NODE_ENV: "production" }, file);
    expect(first.source).toBe("file");
    expect(first.secret).not.toBe(DEV_AUTH_SECRET);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.secret);
    expect(resolveAuthSecret({ NODE_ENV: "production" }, file)).toEqual(first);
    writeFileSync(file, "too-short");
    expect(() => resolveAuthSecret({ NODE_ENV: "production" }, file)).toThrow(/no usable secret/);
  });
});
