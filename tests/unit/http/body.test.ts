import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonNestsDeeperThan, parseJsonBody, parseJsonText, readBodyBytes, readBodyForm } from "@/lib/http/body";

/** A body sent as a stream of chunks, with no Content-Length (like a chunked upload). */
function streamed(chunks: Uint8Array[], headers: HeadersInit = {}): Request {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[pulled++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

/** The nesting depth of a parsed JSON value, the obvious recursive way. */
function depth(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depth));
  if (typeof v === "object" && v !== null) return 1 + Math.max(0, ...Object.values(v).map(depth));
  return 0;
}

describe("reading a body within a limit", () => {
  it("refuses by the declared Content-Length before reading anything", async () => {
    const req = new Request("http://localhost/x", {
      method: "POST",
      body: "x".repeat(10),
      headers: { "content-length": "999999" },
    });
    const read = await readBodyBytes(req, 100);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.response.status).toBe(413);
    expect(req.bodyUsed).toBe(false);
  });

  it("counts a chunked body as it arrives and stops at the limit", async () => {
    const chunk = new Uint8Array(64).fill(120);
    let produced = 0;
    const infinite = new ReadableStream<Uint8Array>({
      pull(c) {
        produced++;
        c.enqueue(chunk);
      },
    });
    const req = new Request("http://localhost/x", { method: "POST", body: infinite, duplex: "half" } as RequestInit);
    const read = await readBodyBytes(req, 1000);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.response.status).toBe(413);
    expect(produced).toBeLessThan(40); // it stopped instead of buffering forever
  });

  it("answers the exact bytes of a body within the limit", async () => {
    const read = await readBodyBytes(streamed([new Uint8Array([1, 2]), new Uint8Array([3])]), 3);
    expect(read.ok && [...read.value]).toEqual([1, 2, 3]);
  });

  it("parses a form read within the limit, and refuses one that is not a form", async () => {
    const form = new FormData();
    form.set("file", new Blob(["{}"]), "x.json");
    const req = new Request("http://localhost/x", { method: "POST", body: form });
    const read = await readBodyForm(req, 10_000);
    expect(read.ok && (read.value.get("file") as Blob).size).toBe(2);
    const bad = new Request("http://localhost/x", {
      method: "POST",
      body: "not multipart",
      headers: { "content-type": "multipart/form-data; boundary=zz" },
    });
    const refused = await readBodyForm(bad, 10_000);
    expect(!refused.ok && refused.response.status).toBe(400);
  });
});

describe("JSON nesting, checked before parsing", () => {
  it("agrees with the parsed value's depth for any JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(jsonNestsDeeperThan(text, max)).toBe(depth(value) > max);
      }),
      { numRuns: 500 },
    );
  });

  it("is not fooled by brackets inside strings", () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ a: '[[[[[[[[[[\\"{{{{{{' }), 2)).toBe(false);
  });

  it("refuses 100,000-deep arrays without recursing (no stack overflow)", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const parsed = parseJsonText(deep, 32);
    expect(!parsed.ok && parsed.response.status).toBe(400);
  });
});

describe("parseJsonBody", () => {
  const Schema = z.object({ n: z.number() });
  const post = (body: string, type = "application/json") =>
    parseJsonBody(
      new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": type } }),
      Schema,
      100,
    );

  it("answers 415, 413, 400 or the data", async () => {
    const statuses = await Promise.all(
      [post("{}", "text/plain"), post(`{"n":${"1".repeat(200)}}`), post("{"), post('{"n":"x"}')].map(async (p) => {
        const r = await p;
        return r.ok ? 200 : r.response.status;
      }),
    );
    expect(statuses).toEqual([415, 413, 400, 400]);
    const good = await post('{"n":3}');
    expect(good.ok && good.data).toEqual({ n: 3 });
  });
});
