/**
 * Guest → account: everything a guest saved moves to the new account in one transaction, then
 * the guest row (and its sessions) is deleted. The new account has no progress of its own yet
 * (it was created by this very sign-up), so nothing can collide.
 */
import "server-only";
import { prisma } from "../db/client.server";
import { writeTransaction } from "../db/transaction";
import { hashSessionToken, isWellFormedToken } from "./session-token";

/** The guest user behind a gradlab_session cookie value, if it is a live guest session. */
export async function guestIdForToken(token: string | undefined): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const session = await prisma.session.findUnique({
    where: { token: hashSessionToken(token) },
    select: { expiresAt: true, user: { select: { id: true, isAnonymous: true } } },
  });
  if (!session || session.expiresAt.getTime() <= Date.now() || !session.user.isAnonymous) return null;
  return session.user.id;
}

export async function moveGuestProgress(guestId: string, accountId: string): Promise<void> {
  if (guestId === accountId) return;
  // The guest's own writes (a review still in flight) wait for the move, and then find no guest.
  await writeTransaction(
    prisma,
    async (tx) => {
      const guest = await tx.user.findUnique({
        where: { id: guestId },
        select: { isAnonymous: true, locale: true, timeZone: true, newCardsPerDay: true, desiredRetention: true },
      });
      if (!guest?.isAnonymous) return;
      const moved = { where: { userId: guestId }, data: { userId: accountId } };
      await tx.quizSession.updateMany(moved);
      await tx.attempt.updateMany(moved);
      await tx.card.updateMany(moved);
      await tx.reviewLog.updateMany(moved);
      await tx.user.update({
        where: { id: accountId },
        data: {
          isAnonymous: false,
          locale: guest.locale,
          timeZone: guest.timeZone,
          newCardsPerDay: guest.newCardsPerDay,
          desiredRetention: guest.desiredRetention,
        },
      });
      await tx.user.delete({ where: { id: guestId } });
    },
    { serializeOn: guestId },
  );
}
