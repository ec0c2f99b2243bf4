import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../backend";
import { emptyHistoryForm, entryKey, groupEntries, historyFilter, isFiltered, opensDocument, parseDay } from "./history";

const entry = (extra: Partial<HistoryEntry>): HistoryEntry => ({
  kind: "comparison", at: "2026-12-02T10:00:00Z", draftId: 1, clientId: 1, clientName: "Ștefănescu Țuțu-Ioana",
  insurer: null, state: null, amount: null, label: "", offerId: null, documentId: null, ...extra,
});

describe("parseDay", () => {
  it("reads days as agents type them", () => {
    expect(parseDay("01.12.2026")).toBe("2026-12-01");
    expect(parseDay(" 1.2.2026 ")).toBe("2026-02-01");
    expect(parseDay("01/12/2026")).toBe("2026-12-01");
    expect(parseDay("2026-12-01")).toBe("2026-12-01");
  });

  it("refuses what is not a calendar day", () => {
    for (const text of ["", "31.02.2026", "2026", "12.2026", "aa.bb.cccc", "32.01.2026", "29.02.2027"]) {
      expect(parseDay(text), text).toBeNull();
    }
    expect(parseDay("29.02.2028")).toBe("2028-02-29");
  });
});

describe("historyFilter", () => {
  it("asks for everything when nothing is chosen", () => {
    expect(historyFilter(emptyHistoryForm())).toEqual({
      filter: { from: null, to: null, insurer: null, kinds: [], state: null, query: "" },
      invalid: [],
    });
    expect(isFiltered(emptyHistoryForm())).toBe(false);
  });

  it("turns the bar into Rust's filter", () => {
    const form = { from: "01.11.2026", to: "30.11.2026", insurer: "asirom", state: "issued", kind: "policy", query: " stefanescu " } as const;
    expect(historyFilter({ ...form })).toEqual({
      filter: { from: "2026-11-01", to: "2026-11-30", insurer: "asirom", kinds: ["policy"], state: "issued", query: "stefanescu" },
      invalid: [],
    });
    expect(isFiltered({ ...emptyHistoryForm(), query: "cj34" })).toBe(true);
  });

  it("leaves out a date it cannot read, and says which", () => {
    const { filter, invalid } = historyFilter({ ...emptyHistoryForm(), from: "31.02.2026", to: "05.12.2026" });
    expect(filter.from).toBeNull();
    expect(filter.to).toBe("2026-12-05");
    expect(invalid).toEqual(["from"]);
  });
});

describe("groupEntries", () => {
  it("folds each comparison's offers under it", () => {
    const comparison = entry({ label: "2", amount: { amount: "725.56", currency: "RON" } });
    const offers = ["asirom", "generali"].map((insurer, i) =>
      entry({ kind: "offer", insurer, state: "valid", label: String(1040 + i), offerId: String(1040 + i) }),
    );
    const policy = entry({ kind: "policy", at: "2026-12-02T10:05:00Z", insurer: "asirom", state: "issued", label: "ASR 1" });
    const older = entry({ draftId: 2, at: "2026-12-01T09:00:00Z", label: "1" });
    const olderOffer = entry({ kind: "offer", draftId: 2, at: "2026-12-01T09:00:00Z", insurer: "grawe", offerId: "9" });
    const rows = groupEntries([policy, comparison, ...offers, older, olderOffer]);
    expect(rows.map((r) => [r.entry.kind, r.offers.length])).toEqual([
      ["policy", 0],
      ["comparison", 2],
      ["comparison", 1],
    ]);
    expect(rows[1]!.offers.map((o) => o.insurer)).toEqual(["asirom", "generali"]);
  });

  it("keeps an offer whose comparison is filtered out as a line of its own", () => {
    const offer = entry({ kind: "offer", insurer: "asirom", offerId: "1040" });
    const otherDraft = entry({ kind: "offer", draftId: 7, insurer: "asirom", offerId: "1041" });
    expect(groupEntries([offer, otherDraft]).map((r) => r.entry.offerId)).toEqual(["1040", "1041"]);
    // Another draft's offers never fold under this comparison.
    expect(groupEntries([entry({}), otherDraft]).map((r) => r.offers.length)).toEqual([0, 0]);
  });

  it("keys entries apart and knows what opening one does", () => {
    const doc = entry({ kind: "document", documentId: 3, label: "Ofertă.pdf" });
    expect(entryKey(doc)).not.toBe(entryKey(entry({})));
    expect(opensDocument(doc)).toBe(true);
    expect(opensDocument(entry({ kind: "policy" }))).toBe(false);
  });
});
