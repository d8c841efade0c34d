/**
 * ADR 32: no route has a loading.tsx. Next.js sends such a page's shell — with status 200 —
 * before the page's first query, so a database outage would answer 200 instead of 503 (ADR 25).
 * A skeleton goes inside the page, behind a Suspense after its first read; a page whose server
 * part is quick renders whole, with a spinner on the header link meanwhile (components/ui/LinkPending.tsx).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "@/tests/support/paths";

describe("routes", () => {
  it("have no loading.tsx (it would send 200 before an outage is known)", () => {
    const files = readdirSync(path.join(ROOT, "app"), { recursive: true, encoding: "utf8" });
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((file) => /^loading\.[jt]sx?$/.test(path.basename(file)))).toEqual([]);
  });
});
