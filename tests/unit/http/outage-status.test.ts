/** A page's 5xx during a database outage goes out as 503 + Retry-After; anything else as it was. */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answeringOutagesWith503 } from "@/lib/http/outage-status";

type Case = { outage: boolean; answer: (res: ServerResponse) => void };
/** Next.js's way: the status code set, then the body (Node writes the head implicitly). */
function implicitly(status: number, body: string) {
  return (res: ServerResponse) => {
    res.statusCode = status;
    res.end(body);
  };
}
const cases: Record<string, Case> = {
  "/implicit-500": { outage: true, answer: implicitly(500, "page") },
  "/explicit-500": {
    outage: true,
    answer: (res) => res.writeHead(500, "Internal Server Error", { "content-type": "text/html" }).end("page"),
  },
  "/bug": { outage: false, answer: implicitly(500, "bug") },
  "/ok-during-outage": { outage: true, answer: (res) => res.writeHead(200).end("fine") },
  "/404-during-outage": { outage: true, answer: (res) => res.writeHead(404).end("none") },
};

let base = "";
const server = createServer((req, res) => {
  const c = cases[req.url ?? ""];
  if (!c) return res.writeHead(400).end();
  answeringOutagesWith503(res, () => c.outage);
  c.answer(res);
});
beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve())));
beforeAll(() => {
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("answeringOutagesWith503", () => {
  it("turns a 5xx of a request that met an outage into 503 + Retry-After, body kept", async () => {
    for (const path of ["/implicit-500", "/explicit-500"]) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(503);
      expect(res.statusText, path).toBe("Service Unavailable");
      expect(res.headers.get("retry-after"), path).toMatch(/^\d+$/);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      expect(await res.text(), path).toBe("page");
    }
    expect((await fetch(`${base}/explicit-500`)).headers.get("content-type")).toBe("text/html");
  });

  it("leaves a bug's 500, and what succeeded or was refused during an outage, alone", async () => {
    const bug = await fetch(`${base}/bug`);
    expect(bug.status).toBe(500);
    expect(bug.headers.get("retry-after")).toBeNull();
    expect((await fetch(`${base}/ok-during-outage`)).status).toBe(200);
    expect((await fetch(`${base}/404-during-outage`)).status).toBe(404);
  });
});
