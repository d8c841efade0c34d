/** The dashboard's client components (the import form): only their messages reach the browser (lib/i18n/client-messages.ts). */
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/ui/ClientMessages";

export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages route="dashboard">{children}</ClientMessages>;
}
