"use client";
/**
 * Fetches a page in full as soon as this renders, wherever it sits on the screen: `<Link
 * prefetch>` waits until the link scrolls into view, and a long feedback keeps "Next question"
 * below the fold while the learner reads it — the click then still waited for the server.
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";

type PrefetchOptions = NonNullable<Parameters<ReturnType<typeof useRouter>["prefetch"]>[1]>;
// Next's PrefetchKind enum is not exported publicly; "full" is its documented value for a whole page.
const FULL = { kind: "full" as unknown as PrefetchOptions["kind"] };

export function PrefetchOnMount({ href }: { href: string }) {
  const router = useRouter();
  useEffect(() => {
    router.prefetch(href, FULL);
  }, [router, href]);
  return null;
}
