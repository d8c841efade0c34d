"use client";
/**
 * The review session's keys: Space reveals, 1–4 rate, Ctrl/Cmd+Z undoes. One window listener
 * that calls the latest handlers, wherever focus is (a learner who arrived by the header's
 * "Flashcards" link still has focus on that link): only typing in a field, a held-down key and
 * Space on a focused button (which presses that button, as everywhere else) are left alone.
 */
import { useEffect, useRef } from "react";
import type { Rating } from "@/lib/flashcards/ratings";

export type ReviewShortcuts = { reveal(): void; rate(rating: Rating): void; undo(): void };

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || Boolean(target.closest("input, textarea, select, [contenteditable]"));
}

export function useReviewShortcuts(handlers: ReviewShortcuts): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || isTyping(e.target)) return;
      const h = latest.current;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (!e.repeat) h.undo();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === " ") {
        // Space presses a focused button (or opens a focused disclosure); on a link it would only scroll
        if (e.target instanceof HTMLElement && e.target.closest("button, summary, [role=button]")) return;
        e.preventDefault();
        if (!e.repeat) h.reveal();
        return;
      }
      if (/^[1-4]$/.test(e.key)) {
        e.preventDefault();
        if (!e.repeat) h.rate(Number(e.key) as Rating);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
