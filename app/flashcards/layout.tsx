/** The flashcard session's client components: only their messages reach the browser (lib/i18n/client-messages.ts). */
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/ui/ClientMessages";

export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages route="flashcards">{children}</ClientMessages>;
}
