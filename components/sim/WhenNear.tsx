"use client";
/**
 * A chart that is drawn only once it comes near the viewport, with `placeholder` (a skeleton) in
 * its place until then. Drawing an answer's charts is the learner's browser's work (Recharts, in
 * the commit that shows the answer): every chart of the page drawn at once kept the revealed
 * answer waiting for charts far below it. In a page loaded whole (server HTML, hydration, no
 * JavaScript) the chart is in the HTML and stays: the wrapper's element is already in the document
 * when it hydrates, and only a client-side mount (the answer shown after "Reveal", a committed
 * prediction) defers.
 */
import { type ReactNode, startTransition, useEffect, useId, useRef, useState } from "react";

/** How far below (and above) the viewport a chart starts drawing, so it is there when scrolled to. */
const NEAR = "400px 0px";

export function WhenNear({ children, placeholder }: { children: ReactNode; placeholder: ReactNode }) {
  const id = useId();
  // on the server, and when hydrating the server's HTML (this element is in the document): drawn
  const [near, setNear] = useState(() => typeof document === "undefined" || document.getElementById(id) !== null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === "undefined") return setNear(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        startTransition(() => setNear(true)); // the placeholder stays until the chart is drawn
      },
      { rootMargin: NEAR },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return (
    <div id={id} ref={ref} data-testid="when-near" data-drawn={near}>
      {near ? children : placeholder}
    </div>
  );
}
