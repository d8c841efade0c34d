import { describe, expect, it } from "vitest";
import { isSameOriginRequest, refuseCrossSite } from "@/lib/http/origin";

const h = (headers: Record<string, string>) => new Headers({ host: "gradlab.example", ...headers });

describe("cross-site refusal (lib/http/origin.ts)", () => {
  it.each([
    [{ origin: "https://gradlab.example", "sec-fetch-site": "same-origin" }, true],
    [{ origin: "https://gradlab.example" }, true],
    [{ "sec-fetch-site": "same-origin" }, true],
    [{}, true], // not from a browser page: carries no victim's cookies
    [{ origin: "https://evil.example" }, false],
    [{ origin: "https://evil.example", "sec-fetch-site": "cross-site" }, false],
    [{ origin: "https://sub.gradlab.example", "sec-fetch-site": "same-site" }, false],
    [{ "sec-fetch-site": "cross-site" }, false],
    [{ origin: "null" }, false],
    [{ origin: "https://gradlab.example.evil.example" }, false],
  ])("%o → same origin: %s", (headers, expected) => {
    expect(isSameOriginRequest(h(headers))).toBe(expected);
  });

  it("compares with a trusted proxy's X-Forwarded-Host (server.ts drops anyone else's)", () => {
    expect(isSameOriginRequest(h({ origin: "https://public.example", "x-forwarded-host": "public.example" }))).toBe(
      true,
    );
  });

  it("answers 403 with a sentence", async () => {
    const res = refuseCrossSite(
      new Request("https://gradlab.example/api/x", { method: "POST", headers: { origin: "https://evil.example" } }),
    );
    if (!res) throw new Error("expected a refusal");
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/another site/);
  });
});
