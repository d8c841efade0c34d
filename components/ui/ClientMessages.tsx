/**
 * The messages of one route's client components, and nothing else (lib/i18n/client-messages.ts):
 * a NextIntlClientProvider whose catalog is the route's listed namespaces, not the whole one.
 */
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { CLIENT_MESSAGES, type ClientMessagesRoute, pickMessages } from "@/lib/i18n/client-messages";

export async function ClientMessages({ route, children }: { route: ClientMessagesRoute; children: ReactNode }) {
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={pickMessages(messages, CLIENT_MESSAGES[route])}>
      {children}
    </NextIntlClientProvider>
  );
}
