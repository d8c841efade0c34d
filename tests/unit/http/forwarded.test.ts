import { describe, expect, it } from "vitest";
import { clientAddress, trustProxies } from "@/lib/http/forwarded";

const none = trustProxies([]);
const loopback = trustProxies(["loopback"]);

describe("the client's address (lib/http/forwarded.ts)", () => {
  it("is the connection's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("198.51.100.7", undefined, none)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", "203.0.113.1", none)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", "unknown, unknown", none)).toBe("198.51.100.7");
  });

  it("walks X-Forwarded-For from the right through trusted proxies only", () => {
    // nginx on loopback appended the real client; what the client wrote itself is further left
    expect(clientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9", loopback)).toBe("203.0.113.9");
    const twoHops = trustProxies(["127.0.0.1", "10.0.0.0/8"]);
    expect(clientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3", twoHops)).toBe("203.0.113.9");
  });

  it("a trusted proxy that forwards no parsable address counts as the client (never a bucket shared by everyone's 'unknown')", () => {
    expect(clientAddress("127.0.0.1", "unknown", loopback)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", undefined, loopback)).toBe("127.0.0.1");
  });

  it("writes an IPv4 client mapped into IPv6 as IPv4", () => {
    expect(clientAddress("::ffff:198.51.100.7", undefined, none)).toBe("198.51.100.7");
    expect(clientAddress("2001:db8::1", undefined, none)).toBe("2001:db8::1");
  });

  it("takes a repeated header as one list", () => {
    expect(clientAddress("127.0.0.1", ["6.6.6.6", "203.0.113.9"], loopback)).toBe("203.0.113.9");
  });
});
