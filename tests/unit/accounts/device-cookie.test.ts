import { describe, expect, it } from "vitest";
import { deviceNonce, newDeviceCookie } from "@/lib/accounts/device-cookie";

const SECRET = "a-test-secret-of-enough-length-000000";

describe("device cookies (lib/accounts/device-cookie.ts)", () => {
  it("names its own account and a fresh nonce each time", () => {
    const a = newDeviceCookie(SECRET, "acct1");
    const b = newDeviceCookie(SECRET, "acct1");
    expect(deviceNonce(SECRET, a, "acct1")).toMatch(/^[\w-]{22}$/);
    expect(deviceNonce(SECRET, a, "acct1")).not.toBe(deviceNonce(SECRET, b, "acct1"));
  });

  it("is worth nothing for another account, under another secret, or altered", () => {
    const value = newDeviceCookie(SECRET, "acct1");
    const [id, nonce, sig] = value.split(".");
    expect(deviceNonce(SECRET, value, "acct2")).toBeNull();
    expect(deviceNonce(`${SECRET}x`, value, "acct1")).toBeNull();
    expect(deviceNonce(SECRET, `${id}.${nonce}x.${sig}`, "acct1")).toBeNull();
    expect(deviceNonce(SECRET, `acct2.${nonce}.${sig}`, "acct2")).toBeNull();
    expect(deviceNonce(SECRET, `${id}.${nonce}.${sig?.slice(1)}`, "acct1")).toBeNull();
    for (const junk of [undefined, "", "a.b", "a.b.c.d", "acct1..", "%E0%A4%A"]) {
      expect(deviceNonce(SECRET, junk, "acct1")).toBeNull();
    }
  });
});
