// Roster lines an officer typed without a connection (a campaign in a valley without signal):
// kept in IndexedDB with the Idempotency-Key of the first try, and sent when the link returns,
// each once (the server replays the first answer of a key). The member's outbox (outbox.ts)
// does the keeping; only the sending differs. A line the server refuses (an unknown person, a
// day outside the campaign) is kept with its reason to show, and not sent again.
import { api, ApiError, hasCsrfToken } from './api';
import { Outbox, outcomeOf, type QueuedReport, type SendOutcome } from './outbox';
import type { Participation } from './registry_api';
import { loadSession } from './store';

export const rosterBox = typeof indexedDB === 'undefined' ? null : new Outbox(indexedDB, 'jembatan-roster');

// A line as kept: its campaign, what is posted, and how the form named it (for the list).
export interface RosterLine { campaign: string; body: Record<string, unknown>; label: string }

export function postLine(line: RosterLine, key: string): Promise<Participation> {
  return api<Participation>(`/api/v1/campaigns/${encodeURIComponent(line.campaign)}/participations`,
    { method: 'POST', body: line.body, idempotencyKey: key });
}

export async function sendLine(r: QueuedReport, sent: (campaign: string, p: Participation) => void): Promise<SendOutcome> {
  const line = r.body as unknown as RosterLine;
  try {
    sent(line.campaign, await postLine(line, r.key));
    return 'sent';
  } catch (e) {
    if (e instanceof ApiError) return outcomeOf(e.status, e.detail);
    return 'retry'; // no connection
  }
}

export async function flushLines(sent: (campaign: string, p: Participation) => void): Promise<void> {
  if (!rosterBox) return;
  // Opened offline, the page has no CSRF token: ask who we are first, or every write is refused.
  if (navigator.onLine && !hasCsrfToken()) await loadSession();
  await rosterBox.flush((r) => sendLine(r, sent));
}
