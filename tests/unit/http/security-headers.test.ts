import { describe, expect, it } from "vitest";
import { newNonce, pageContentSecurityPolicy } from "@/lib/http/security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d]));

describe("the pages' Content-Security-Policy", () => {
  it("allows scripts only with this response's nonce, never eval, in production", () => {
    const csp = directives(pageContentSecurityPolicy({ nonce: "abc", dev: false, https: false }));
    expect(csp.get("script-src")).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp.get("script-src")).not.toMatch(/unsafe-(eval|inline)/);
    expect(csp.get("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(csp.get("object-src")).toBe("object-src 'none'");
    expect(csp.get("base-uri")).toBe("base-uri 'none'");
    expect(csp.has("upgrade-insecure-requests")).toBe(false); // plain http stays reachable
  });

  it("upgrades subresources over https, and allows eval and the hot-reload socket in development only", () => {
    expect(pageContentSecurityPolicy({ nonce: "n", dev: false, https: true })).toMatch(/upgrade-insecure-requests$/);
    const dev = pageContentSecurityPolicy({ nonce: "n", dev: true, https: false });
    expect(dev).toMatch(/script-src [^;]*'unsafe-eval'/);
    expect(dev).toMatch(/connect-src 'self' ws: wss:/);
  });

  it("allows Web Workers from this origin only (the lab's engine chunks), not blob:, data: or other sites", () => {
    for (const dev of [false, true]) {
      const csp = directives(pageContentSecurityPolicy({ nonce: "n", dev, https: false }));
      // its own directive: without it workers would fall back to script-src, where 'strict-dynamic'
      // lets a trusted script start a worker from any URL
      expect(csp.get("worker-src")).toBe("worker-src 'self'");
      expect(csp.get("child-src")).toBeUndefined();
    }
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(atob(n)).toHaveLength(16);
  });
});
