/**
 * Which messages reach the browser. A client component's translations come from the nearest
 * NextIntlClientProvider, whose messages are serialized into every page's RSC payload (and parsed
 * again by the server render and the browser): the whole catalog is ~52 KB in English, ~71 % of
 * the home page's bytes (issue 9's profile). So each route hands over only the namespaces its own
 * client components use (components/ui/ClientMessages.tsx); the server reads the full catalog.
 *
 * A path is a top-level namespace ("sim") or a dotted sub-tree ("quiz.status"). Every client
 * component's `useTranslations(…)` namespace must be listed under each route that renders it
 * (tests/unit/i18n/client-messages.test.ts checks the paths exist, and that every namespace a
 * client file uses is listed somewhere).
 */

/** Per route (or the layout): the message paths its client components read. */
export const CLIENT_MESSAGES = {
  /** the layout: its error boundary (app/error.tsx) sits above every page's own provider */
  layout: ["errors"],
  questionList: ["list", "topics", "difficulty", "types", "quiz.status"],
  question: ["sim", "question"],
  /** the setup's match count, and a run's prediction charts */
  quiz: ["quiz.setup", "sim"],
  drills: ["sim"],
  lab: ["lab", "sim"],
  flashcards: ["flashcards"],
  settings: ["settings", "memoryModel"],
  account: ["account"],
  dashboard: ["dashboard"],
} as const satisfies Record<string, readonly string[]>;

export type ClientMessagesRoute = keyof typeof CLIENT_MESSAGES;

type Messages = Record<string, unknown>;

/** The sub-trees of `messages` that `paths` name, nested as in the catalog; unknown paths are left out. */
export function pickMessages(messages: Messages, paths: readonly string[]): Messages {
  const picked: Messages = {};
  for (const path of paths) {
    const keys = path.split(".");
    let from: unknown = messages;
    for (const key of keys) from = typeof from === "object" && from !== null ? (from as Messages)[key] : undefined;
    if (from === undefined) continue;
    let into = picked;
    for (const key of keys.slice(0, -1)) {
      if (typeof into[key] !== "object" || into[key] === null) into[key] = {};
      into = into[key] as Messages;
    }
    into[keys[keys.length - 1] as string] = from;
  }
  return picked;
}
