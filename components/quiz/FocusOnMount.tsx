"use client";
/**
 * Moves keyboard focus to the element with `targetId` when it mounts (give it a `key` that
 * changes with each step so it runs again): after an answer, focus lands on the feedback's
 * "Next" button; on a new question, on its heading.
 */
import { useEffect } from "react";

export function FocusOnMount({ targetId }: { targetId: string }) {
  useEffect(() => {
    document.getElementById(targetId)?.focus();
  }, [targetId]);
  return null;
}
