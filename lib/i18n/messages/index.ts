/**
 * Messages by feature: each feature keeps its own namespaces in <feature>/en.json and
 * <feature>/zh.json, listed here once. Namespaces must not collide across features
 * (tests/unit/i18n.test.ts checks that, and that en and zh have the same keys).
 */

import type { Locale } from "../locales";
import accountEn from "./account/en.json";
import accountZh from "./account/zh.json";
import coreEn from "./core/en.json";
import coreZh from "./core/zh.json";

type Messages = Record<string, unknown>;

export const MESSAGE_FILES: Record<Locale, Record<string, Messages>> = {
  en: { core: coreEn, account: accountEn },
  zh: { core: coreZh, account: accountZh },
};

export function messagesFor(locale: Locale): Messages {
  return Object.assign({}, ...Object.values(MESSAGE_FILES[locale]));
}
