import { describe, expect, it } from "vitest";
import type { DraftSummary } from "../backend";
import { changedWhen, draftMatches, searchForm, vehicleText } from "./drafts";

const draft = (extra: Partial<DraftSummary>): DraftSummary => ({
  id: 1, clientName: "Ștefănescu Ioana", step: "vehicle", createdAt: "2026-11-27T10:00:00Z", updatedAt: "2026-11-27T10:00:00Z",
  plate: "CJ 12 ABC", vehicle: "dacia logan", bestPremium: null, bestUntil: null, policy: null, ...extra,
});

describe("draftMatches", () => {
  it("finds a client typed without diacritics or capitals, and with them", () => {
    expect(draftMatches(draft({}), "stefanescu")).toBe(true);
    expect(draftMatches(draft({}), "ȘTEFĂNESCU ioana")).toBe(true);
    // The old cedilla spelling folds the same way.
    expect(draftMatches(draft({}), "Ştefănescu")).toBe(true);
    expect(draftMatches(draft({}), "popescu")).toBe(false);
  });

  it("finds a plate however it is spaced", () => {
    expect(draftMatches(draft({}), "cj12abc")).toBe(true);
    expect(draftMatches(draft({}), "CJ-12-ABC")).toBe(true);
    expect(draftMatches(draft({}), "12 abc")).toBe(true);
    expect(draftMatches(draft({}), "B 12 ABC")).toBe(false);
  });

  it("finds the vehicle and combines words from different columns", () => {
    expect(draftMatches(draft({}), "logan")).toBe(true);
    expect(draftMatches(draft({}), "dacia ioana")).toBe(true);
    expect(draftMatches(draft({}), "dacia popescu")).toBe(false);
  });

  it("matches every draft with an empty query", () => {
    expect(draftMatches(draft({ clientName: "", plate: "", vehicle: "" }), "   ")).toBe(true);
  });
});

describe("searchForm and vehicleText", () => {
  it("fold text and show the stored keys readably", () => {
    expect(searchForm("  Țăndărei – Ialomița ")).toBe("tandarei – ialomita");
    expect(vehicleText("dacia logan")).toBe("Dacia Logan");
    expect(vehicleText("bmw seria 3")).toBe("BMW Seria 3");
    expect(vehicleText("")).toBe("");
  });
});

describe("changedWhen", () => {
  it("says today's and yesterday's changes by their time, older ones by their date (local clock)", () => {
    const now = new Date(2026, 11, 2, 9, 30);
    const at = (d: Date) => d.toISOString();
    expect(changedWhen(at(new Date(2026, 11, 2, 0, 5)), now)).toEqual({ key: "drafts.today", time: "00:05" });
    expect(changedWhen(at(new Date(2026, 11, 1, 23, 59)), now)).toEqual({ key: "drafts.yesterday", time: "23:59" });
    expect(changedWhen(at(new Date(2026, 10, 30, 12, 0)), now)).toEqual({ key: null, time: "30.11.2026" });
    // Across a month and a year boundary, "ieri" is still the calendar day before.
    expect(changedWhen(at(new Date(2025, 11, 31, 18, 0)), new Date(2026, 0, 1, 8, 0))).toEqual({ key: "drafts.yesterday", time: "18:00" });
  });
});
