import { describe, expectTypeOf, it } from "vitest";
import type { Backend, InsurerOutcome, Message, QuoteDraft, Settings, SyncProgress, SyncSummary } from "./types";

// Checked by svelte-check (tsc), not at run time: the Backend is derived from the generated
// commands, Results unwrapped and Channels turned into callbacks.
describe("Backend", () => {
  it("unwraps a Result into the value it carries", () => {
    expectTypeOf<Backend["saveSettings"]>().toEqualTypeOf<(settings: Settings) => Promise<Settings>>();
    expectTypeOf<Backend["getSettings"]>().toEqualTypeOf<() => Promise<Settings>>();
    expectTypeOf<ReturnType<Backend["startNotices"]>>().toEqualTypeOf<Promise<Message[]>>();
  });

  it("takes a callback where the command takes a Channel", () => {
    expectTypeOf<Backend["syncReferenceData"]>().toEqualTypeOf<
      (force: boolean, onMessage: (message: SyncProgress) => void) => Promise<SyncSummary>
    >();
    expectTypeOf<Backend["quoteOffers"]>().toEqualTypeOf<
      (
        draftId: number,
        draft: QuoteDraft,
        only: string[] | null,
        onMessage: (message: InsurerOutcome) => void,
      ) => Promise<InsurerOutcome[]>
    >();
  });
});
