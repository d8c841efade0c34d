"use client";
/**
 * A menu that opens under its button: a <details> element, so it works without JavaScript; with
 * it, Esc closes it (focus back on its button), as do a click or a tap outside it and moving to
 * another page.
 */
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";

export function Disclosure({
  summary,
  children,
  className,
  summaryClassName,
  summaryLabel,
  testId,
}: {
  summary: ReactNode;
  children: ReactNode;
  className?: string;
  summaryClassName?: string;
  /** an accessible name when the summary is an icon */
  summaryLabel?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every page change, by design
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const details = ref.current;
      if (e.key !== "Escape" || !details?.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    }
    function onPointerDown(e: PointerEvent) {
      const details = ref.current;
      if (details?.open && e.target instanceof Node && !details.contains(e.target)) details.open = false;
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, []);

  return (
    <details ref={ref} className={className} data-testid={testId}>
      <summary className={summaryClassName} aria-label={summaryLabel}>
        {summary}
      </summary>
      {children}
    </details>
  );
}
