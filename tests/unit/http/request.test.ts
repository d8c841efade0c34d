import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientKey, readCookie, safeLocalPath, sameOriginPath } from "@/lib/http/request";

describe("readCookie", () => {
  it("decodes a cookie and reads an undecodable one as absent", () => {
    expect(readCookie("a=1; gradlab_session=x%20y", "gradlab_session")).toBe("x y");
    expect(readCookie("gradlab_session=%E0%A4%A", "gradlab_session")).toBeUndefined();
    expect(readCookie(null, "gradlab_session")).toBeUndefined();
  });

  it("never throws, whatever the header", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (header, name) => {
        const v = readCookie(header, name);
        expect(v === undefined || typeof v === "string").toBe(true);
      }),
    );
  });
});

describe("safeLocalPath", () => {
  it.each([
    ["/questions?topic=init", "/questions?topic=init"],
    ["/lab?a.model=mlp&a.depth=30", "/lab?a.model=mlp&a.depth=30"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/ok\r\nSet-Cookie: x=1", "/"],
    ["", "/"],
  ])("%j → %j", (input, expected) => {
    expect(safeLocalPath(input)).toBe(expected);
  });

  it("answers a path on this site or the fallback, for any input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.webPath()), (input) => {
        const out = safeLocalPath(input, "/dashboard");
        expect(out.startsWith("/")).toBe(true);
        expect(out[1] === "/" || out[1] === "\\").toBe(false);
        // a browser resolves it on this site
        expect(new URL(out, "https://gradlab.example").host).toBe("gradlab.example");
      }),
      { numRuns: 300 },
    );
  });
});

describe("sameOriginPath", () => {
  it("keeps the path and query of a referer, never another host", () => {
    expect(sameOriginPath("https://gradlab.example/quiz?x=1")).toBe("/quiz?x=1");
    expect(sameOriginPath("http://localhost//evil.example/x")).toBe("/");
    expect(sameOriginPath("not a url")).toBe("/");
    expect(sameOriginPath(null)).toBe("/");
  });
});

describe("clientKey", () => {
  const key = (xff?: string) => clientKey(new Headers(xff === undefined ? {} : { "x-forwarded-for": xff }));

  it("is the address server.ts established; an IPv6 client by its /64", () => {
    expect(key("198.51.100.7")).toBe("198.51.100.7");
    expect(key("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(key("2001:db8:aa:bb::9")).toBe("2001:db8:aa:bb::/64");
    expect(key("2001:0DB8:00aa:bb::")).toBe("2001:db8:aa:bb::/64");
    expect(key()).toBe("unknown");
  });
});
