"use client";
/** "Next problem", focused when the result appears, so Enter goes on. A plain link: the next problem is a redirect, never prefetched. */
import { useEffect, useRef } from "react";

export function NextLink({ href, children }: { href: string; children: string }) {
  const ref = useRef<HTMLAnchorElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <a ref={ref} href={href} className="button" data-testid="next-drill">
      {children}
    </a>
  );
}
