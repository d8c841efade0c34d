"use client";
/**
 * The quiz's keys, Brilliant-style: 1–9 choose the option with that number (a checkbox toggles)
 * or, on a self-graded answer, give that grade; Enter checks the answer, reveals a recalled one,
 * or goes on from the feedback. Typing in a field and keys a focused button, link or option
 * handles itself are left alone. Acts inside the element marked data-quiz-keys.
 */
import { useEffect } from "react";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest("textarea, select, [contenteditable]")) return true;
  return target instanceof HTMLInputElement && target.type !== "radio" && target.type !== "checkbox";
}

export function QuizKeys() {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return;
      const root = document.querySelector<HTMLElement>("[data-quiz-keys]");
      if (!root) return;
      if (/^[1-9]$/.test(e.key)) {
        const n = Number(e.key) - 1;
        const options = root.querySelectorAll<HTMLInputElement>("form input[type=radio], form input[type=checkbox]");
        const choice = options.length > 0 ? options[n] : root.querySelectorAll<HTMLButtonElement>("[data-grade]")[n];
        if (!choice || choice.disabled) return;
        e.preventDefault();
        choice.click();
        if (choice instanceof HTMLInputElement) choice.focus();
        return;
      }
      if (e.key !== "Enter") return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target?.closest("button, a, summary, input")) return; // they handle Enter themselves
      const form = root.querySelector<HTMLFormElement>("form[data-quiz-answer]");
      const go = root.querySelector<HTMLElement>("[data-quiz-go]");
      if (form) {
        e.preventDefault();
        form.requestSubmit();
      } else if (go) {
        e.preventDefault();
        go.click();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
  return null;
}
