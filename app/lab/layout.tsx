/** The lab's client components (the lab itself and its charts): only their messages reach the browser (lib/i18n/client-messages.ts). */
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/ui/ClientMessages";

export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages route="lab">{children}</ClientMessages>;
}
