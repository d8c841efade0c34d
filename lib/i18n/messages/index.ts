/**
 * Messages by feature: each feature keeps its own namespaces in <feature>/en.json and
 * <feature>/zh.json, listed here once. Namespaces must not collide across features
 * (tests/unit/i18n.test.ts checks that, and that en and zh have the same keys).
 */

import type { Locale } from "@/lib/i18n/locales";
import accountEn from "./account/en.json";
import accountZh from "./account/zh.json";
import coreEn from "./core/en.json";
import coreZh from "./core/zh.json";
import drillsEn from "./drills/en.json";
import drillsZh from "./drills/zh.json";
import flashcardsEn from "./flashcards/en.json";
import flashcardsZh from "./flashcards/zh.json";
import quizEn from "./quiz/en.json";
import quizZh from "./quiz/zh.json";
import simEn from "./sim/en.json";
import simZh from "./sim/zh.json";

type Messages = Record<string, unknown>;

export const MESSAGE_FILES: Record<Locale, Record<string, Messages>> = {
  en: { core: coreEn, account: accountEn, flashcards: flashcardsEn, quiz: quizEn, sim: simEn, drills: drillsEn },
  zh: { core: coreZh, account: accountZh, flashcards: flashcardsZh, quiz: quizZh, sim: simZh, drills: drillsZh },
};

export function messagesFor(locale: Locale): Messages {
  return Object.assign({}, ...Object.values(MESSAGE_FILES[locale]));
}
