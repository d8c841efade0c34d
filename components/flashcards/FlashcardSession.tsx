"use client";
/**
 * The review session: Space reveals, 1–4 rate, Ctrl/Cmd+Z undoes. A rating is sent with a
 * requestId made on the client before sending, retried with the SAME id on network failure, and
 * the session moves on only when the server has acknowledged it, so nothing acknowledged is lost
 * and nothing is stored twice. Card content arrives pre-rendered from the server.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState, useTransition } from "react";
import styles from "./flashcards.module.css";

type Rating = 1 | 2 | 3 | 4;
const RATINGS: readonly Rating[] = [1, 2, 3, 4];
const RATING_NAMES = { 1: "again", 2: "hard", 3: "good", 4: "easy" } as const;

export type SessionCard = {
  slug: string;
  kind: "new" | "learning" | "review";
  title: string;
  /** the next interval each rating would schedule, already formatted */
  intervals: Record<Rating, string>;
  front: ReactNode;
  back: ReactNode;
};

type Pending = { questionSlug: string; rating: Rating; requestId: string };
type Reviewed = { card: SessionCard; requestId: string };
type Status = { tone: "info" | "error"; text: string } | null;
type PostResult =
  | { kind: "ok"; data: unknown }
  | { kind: "refused"; status: number; error: string }
  | { kind: "network" };

/** RFC 4122 v4; crypto.randomUUID exists only in secure contexts (not on a plain-http LAN address). */
function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const RETRY_DELAYS_MS = [0, 400, 1200, 3000];

/** POSTs JSON; retries the same body on network errors and 5xx; a 4xx is an answer, not retried. */
async function postJson(url: string, body: unknown): Promise<PostResult> {
  for (const delay of RETRY_DELAYS_MS) {
    if (delay) await new Promise((r) => setTimeout(r, delay));
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.ok) return { kind: "ok", data: await res.json() };
      if (res.status < 500 && res.status !== 408 && res.status !== 429) {
        const json = (await res.json().catch(() => null)) as { error?: string } | null;
        return { kind: "refused", status: res.status, error: json?.error ?? res.statusText };
      }
    } catch {
      // network failure: try again with the same body (same requestId)
    }
  }
  return { kind: "network" };
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || Boolean(target.closest("input, textarea, select, [contenteditable]"));
}

export function FlashcardSession(props: {
  cards: SessionCard[];
  dueCount: number;
  newCount: number;
  /** changes whenever the server renders a new queue */
  version: string;
  /** what to show when the queue is empty (next due time), rendered on the server */
  done: ReactNode;
}) {
  const t = useTranslations("flashcards");
  const router = useRouter();
  const [version, setVersion] = useState(props.version);
  const [queue, setQueue] = useState(props.cards);
  const [counts, setCounts] = useState({ due: props.dueCount, new: props.newCount });
  if (version !== props.version) {
    setVersion(props.version);
    setQueue(props.cards);
    setCounts({ due: props.dueCount, new: props.newCount });
  }
  const [revealed, setRevealed] = useState(false);
  const [busy, setBusy] = useState<null | "rate" | "undo">(null);
  const busyRef = useRef(false); // synchronous guard: a double click or key repeat sends once
  const [failed, setFailed] = useState<Pending | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [history, setHistory] = useState<Reviewed[]>([]);
  const [refreshing, startRefresh] = useTransition();
  const cardRef = useRef<HTMLElement>(null);
  const interacted = useRef(false);
  const current = queue[0];

  const bump = (kind: SessionCard["kind"], by: number) =>
    setCounts((c) =>
      kind === "new" ? { ...c, new: Math.max(0, c.new + by) } : { ...c, due: Math.max(0, c.due + by) },
    );

  function reveal() {
    if (!current || revealed) return;
    interacted.current = true;
    setRevealed(true);
  }

  async function rate(rating: Rating, retry?: Pending) {
    const card = current;
    if (busyRef.current || !card || (!revealed && !retry)) return;
    if (failed && !retry) return; // an unacknowledged rating must be retried first
    interacted.current = true;
    const pending = retry ?? { questionSlug: card.slug, rating, requestId: uuid() };
    busyRef.current = true;
    setBusy("rate");
    setStatus(null);
    const res = await postJson("/api/flashcards/review", pending);
    busyRef.current = false;
    setBusy(null);
    if (res.kind === "network") {
      setFailed(pending);
      setStatus({ tone: "error", text: t("networkError") });
      return;
    }
    setFailed(null);
    if (res.kind === "refused") {
      setStatus({ tone: "error", text: t("refused", { message: res.error }) });
      return;
    }
    // acknowledged by the server: only now move on
    const rated = queue.find((c) => c.slug === pending.questionSlug) ?? card;
    const rest = queue.filter((c) => c.slug !== pending.questionSlug);
    setHistory((h) => [...h, { card: rated, requestId: pending.requestId }]);
    setQueue(rest);
    bump(rated.kind, -1);
    setRevealed(false);
    setStatus({
      tone: "info",
      text: t("saved", {
        rating: t(`rating.${RATING_NAMES[pending.rating]}`),
        interval: rated.intervals[pending.rating],
      }),
    });
    if (rest.length === 0) startRefresh(() => router.refresh());
  }

  async function undo() {
    const last = history[history.length - 1];
    if (busyRef.current || failed) return;
    interacted.current = true;
    if (!last) {
      setStatus({ tone: "info", text: t("undoNothing") });
      return;
    }
    busyRef.current = true;
    setBusy("undo");
    setStatus(null);
    const res = await postJson("/api/flashcards/undo", { requestId: last.requestId });
    busyRef.current = false;
    setBusy(null);
    if (res.kind === "network") {
      setStatus({ tone: "error", text: t("networkError") });
      return;
    }
    setHistory((h) => h.slice(0, -1));
    if (res.kind === "refused") {
      setStatus({ tone: "error", text: t("undoFailed", { message: res.error }) });
      return;
    }
    setQueue((q) => [last.card, ...q.filter((c) => c.slug !== last.card.slug)]);
    bump(last.card.kind, 1);
    setRevealed(false);
    setStatus({ tone: "info", text: t("undone", { title: last.card.title }) });
  }

  // One listener; it calls the latest handlers through a ref.
  const handlers = useRef({ reveal, rate, undo });
  handlers.current = { reveal, rate, undo };
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || isTyping(e.target)) return;
      const h = handlers.current;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (!e.repeat) void h.undo();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === " ") {
        // a focused button or link handles Space itself
        if (e.target instanceof HTMLElement && e.target.closest("button, a, summary")) return;
        e.preventDefault();
        if (!e.repeat) h.reveal();
        return;
      }
      if (/^[1-4]$/.test(e.key)) {
        e.preventDefault();
        if (!e.repeat) void h.rate(Number(e.key) as Rating);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  // Marks the session interactive (hydrated), for people and tests alike.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  // Keep keyboard focus on the card as it changes (never on first load).
  const slug = current?.slug;
  useEffect(() => {
    if (interacted.current && slug !== undefined) cardRef.current?.focus({ preventScroll: true });
  }, [slug]);

  return (
    <div className={styles.session} data-ready={ready ? "true" : undefined} data-testid="flashcard-session">
      <div className={styles.toolbar}>
        <p className={styles.counts}>
          <span className="visually-hidden">{t("countsLabel")}:</span>
          <span className={styles.countNew}>
            {t("newCount")} <strong data-testid="new-count">{counts.new}</strong>
          </span>
          <span className={styles.countDue}>
            {t("dueCount")} <strong data-testid="due-count">{counts.due}</strong>
          </span>
        </p>
        <button
          type="button"
          className="button secondary"
          onClick={() => void undo()}
          disabled={history.length === 0 || busy !== null || failed !== null}
          aria-keyshortcuts="Control+Z Meta+Z"
        >
          {t("undo")} <kbd className={styles.kbd}>Ctrl+Z</kbd>
        </button>
      </div>

      {current ? (
        <>
          <article
            ref={cardRef}
            tabIndex={-1}
            className={`card ${styles.card}`}
            aria-labelledby="flashcard-title"
            data-testid="flashcard"
            data-slug={current.slug}
          >
            <p className="meta">
              <span className="badge">{t(`kind.${current.kind}`)}</span>
              <Link href={`/questions/${current.slug}`} className={styles.questionLink}>
                {t("openQuestion")}
              </Link>
            </p>
            <h2 id="flashcard-title" className={styles.title}>
              {current.title}
            </h2>
            {current.front}
            {revealed && (
              <section className={styles.back} aria-label={t("answer")} data-testid="flashcard-answer">
                {current.back}
              </section>
            )}
          </article>
          <div className={styles.actions}>
            {!revealed ? (
              <button type="button" className={`button ${styles.reveal}`} onClick={reveal} aria-keyshortcuts="Space">
                {t("showAnswer")} <kbd className={styles.kbd}>Space</kbd>
              </button>
            ) : (
              <fieldset className={styles.ratings} aria-busy={busy === "rate"}>
                <legend className="visually-hidden">{t("rateLabel")}</legend>
                {RATINGS.map((r) => (
                  <button
                    key={r}
                    type="button"
                    className={`${styles.rate} ${styles[RATING_NAMES[r]]}`}
                    onClick={() => void rate(r)}
                    disabled={busy !== null || failed !== null}
                    aria-keyshortcuts={String(r)}
                    aria-describedby={`interval-${r}`}
                    data-testid={`rate-${r}`}
                  >
                    <span className={styles.rateName}>{t(`rating.${RATING_NAMES[r]}`)}</span>
                    <span className={styles.interval} id={`interval-${r}`} data-testid={`interval-${r}`}>
                      {current.intervals[r]}
                    </span>
                    <kbd className={styles.kbd}>{r}</kbd>
                  </button>
                ))}
              </fieldset>
            )}
            {failed && (
              <button
                type="button"
                className="button"
                onClick={() => void rate(failed.rating, failed)}
                disabled={busy !== null}
              >
                {t("retry")}
              </button>
            )}
          </div>
        </>
      ) : refreshing ? (
        <p className={styles.placeholder}>{t("loading")}</p>
      ) : (
        <section className="panel" data-testid="flashcards-done" aria-labelledby="flashcards-done-title">
          <h2 id="flashcards-done-title">{t("doneTitle")}</h2>
          {props.done}
        </section>
      )}

      <p
        role="status"
        className={status?.tone === "error" ? `form-error ${styles.status}` : styles.status}
        data-testid="flashcard-status"
      >
        {busy === "rate" ? t("saving") : status?.text}
      </p>

      <section className={styles.shortcuts} aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title" className={styles.shortcutsTitle}>
          {t("shortcutsTitle")}
        </h2>
        <ul>
          <li>
            <kbd className={styles.kbd}>Space</kbd> {t("shortcutReveal")}
          </li>
          <li>
            <kbd className={styles.kbd}>1</kbd>–<kbd className={styles.kbd}>4</kbd> {t("shortcutRate")}
          </li>
          <li>
            <kbd className={styles.kbd}>Ctrl+Z</kbd> / <kbd className={styles.kbd}>⌘Z</kbd> {t("shortcutUndo")}
          </li>
        </ul>
      </section>
    </div>
  );
}
