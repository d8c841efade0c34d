/**
 * A database outage as the browser sees it (ADR 25): the seconds a client should wait before
 * trying again (a restart or failover takes a few) and the digest the server puts on an outage's
 * error so that the error boundary — which in production sees nothing of a server error but its
 * digest — can say "the database is not answering" instead of "something went wrong".
 */
export const OUTAGE_RETRY_AFTER_S = 5;

export const OUTAGE_DIGEST = "GRADLAB_DATABASE_UNAVAILABLE";
