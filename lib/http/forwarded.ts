/**
 * Who is on the other end of a connection. A client may put anything in X-Forwarded-For, so the
 * header is believed only hop by hop from the socket inwards, and only while each hop is a proxy
 * the operator named (TRUSTED_PROXIES): the first address not in that list is the client. With
 * no trusted proxies the socket's peer is the client, whatever the header says. proxy-addr (the
 * library Express uses) does the walking; the server (server.ts) then replaces the header with
 * that one address, so everything after it (better-auth's rate limiter, our limits) reads a fact.
 */
import { isIP } from "node:net";
import proxyAddr from "proxy-addr";

export type TrustProxy = (address: string, hop: number) => boolean;

/** A trust function for a list of addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal). */
export function trustProxies(list: readonly string[]): TrustProxy {
  return list.length === 0 ? () => false : proxyAddr.compile([...list]);
}

/**
 * The client's address for a connection from `socketAddress` carrying `forwardedFor`. IPv4
 * mapped into IPv6 (::ffff:1.2.3.4) is written as IPv4, so one client has one spelling.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: TrustProxy,
): string {
  const peer = socketAddress ?? "";
  const request = {
    headers: { "x-forwarded-for": Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor },
    connection: { remoteAddress: peer },
    socket: { remoteAddress: peer },
  };
  const hops = proxyAddr.all(request as unknown as Parameters<typeof proxyAddr.all>[0], trust);
  // The walk stops at the first untrusted hop. Only a trusted proxy can have written a hop that is
  // not an address ("unknown"); then the proxy itself is the best we know of the client.
  const last = hops[hops.length - 1] ?? peer;
  const address = isIP(last) ? last : (hops[hops.length - 2] ?? peer);
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice("::ffff:".length) : address;
}
