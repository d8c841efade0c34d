/** A question page's client components (the charts, the self-grade): only their messages reach the browser (lib/i18n/client-messages.ts). */
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/ui/ClientMessages";

export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages route="question">{children}</ClientMessages>;
}
