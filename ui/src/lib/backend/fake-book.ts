// The fake backend's client book: plain data a test sets, and a record of what was asked.
// Searching, ranking, the history's filters and the renewal window are Rust's (casco-core's
// `book`, tested there); the fake answers what the test put in, whatever the query.
import type { BookClient, ClientPage, HistoryEntry, HistoryFilter, QuoteDraft, RenewalLine } from "./types";

/** A new draft asked of the book, with what it was asked for. */
export type BookCall =
  | { command: "newDraftForClient"; clientId: number }
  | { command: "requoteVehicle"; clientId: number; vehicleId: number }
  | { command: "requoteRenewal"; offerId: string }
  | { command: "copyAndRequote"; draftId: number };

export class FakeBook {
  /** What `searchClients` answers, for any query (set `answer` to vary it by query). */
  clients: BookClient[] = [];
  answer: ((query: string) => BookClient[]) | null = null;
  /** Every query searched, in order. */
  searches: string[] = [];
  /** Client pages by client id. */
  pages = new Map<number, ClientPage>();
  /** What `history` answers, and every filter it was given. */
  entries: HistoryEntry[] = [];
  /** Whether `history` says older lines were left out. */
  limited = false;
  filters: HistoryFilter[] = [];
  /** What `renewals` answers, and how many times it was asked. */
  due: RenewalLine[] = [];
  renewalReads = 0;
  /** Every new draft asked of the book. */
  calls: BookCall[] = [];
  /**
   * What each new draft holds (Rust fills it from the client's latest draft); null answers
   * "nothing to start from". The fake saves it as a new open draft and answers its id.
   */
  draftFor: (call: BookCall) => QuoteDraft | null = () => null;
}
