"use client";
/**
 * Inside a header link: a small spinner over the link's underline while the page it opens is on
 * its way (Next's client navigation), so a click is answered at once however long the server
 * takes. The pages themselves render whole (no Suspense fallback): React reveals a fallback's
 * content no sooner than 300 ms after the fallback showed, which made a 100 ms page a 400 ms one
 * (docs/benchmarks.md, "Waits a person notices").
 */
import { useLinkStatus } from "next/link";

export function LinkPending() {
  const { pending } = useLinkStatus();
  return pending ? <span className="link-pending spinner" aria-hidden="true" data-testid="link-pending" /> : null;
}
