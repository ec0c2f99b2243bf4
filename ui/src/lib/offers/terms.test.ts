import { afterEach, describe, expect, it } from "vitest";
import type { OfferView } from "../backend";
import { setLanguage } from "../i18n/index.svelte";
import { cheapestMayShow, conversion, coverMatrix, coverOfCode, formatRate, refusal, splitTerms } from "./terms";

function offer(insurer: string, extra: Partial<OfferView> = {}): OfferView {
  return {
    offerId: `${insurer}-1`, insurer, premium: "750.00", currency: "RON", premiumRon: "750.00", exchangeRate: null,
    installmentCount: 1, installments: [], startDate: "2026-12-03", endDate: "2027-12-02",
    insuredSum: { amount: "26300.00", currency: "RON" },
    deductibles: { partialDamage: "500.00", totalDamagePercent: "10", currency: "RON" },
    covers: [], coverages: [{ code: "vehicle", notes: null }], notes: null, expiryDate: "2027-01-01", expired: false, ...extra,
  };
}

describe("splitTerms", () => {
  it("puts what every offer shares in the summary and keeps only the differences as columns", () => {
    const split = splitTerms([offer("a"), offer("b", { installmentCount: 4 }), offer("c", { expiryDate: "2026-12-20" })], "ro");
    expect(split.varying).toEqual(["installments", "expiry"]);
    expect(split.shared).toEqual([
      { key: "period", text: "03.12.2026 – 02.12.2027" },
      { key: "insuredSum", text: "26.300,00 lei" },
      { key: "deductibles", text: "500,00 lei / 10% daună totală" },
    ]);
  });

  it("shows the insured sum each insurer was asked to price when they differ", () => {
    const split = splitTerms([offer("a"), offer("b", { insuredSum: { amount: "5300.00", currency: "EUR" } })], "ro");
    expect(split.varying).toContain("insuredSum");
  });

  it("has nothing to summarise without offers", () => {
    expect(splitTerms([], "ro")).toEqual({ shared: [], varying: [] });
  });
});

describe("coverMatrix", () => {
  it("makes columns of the covers some offers list, the summary of those all list, and drops the rest", () => {
    const matrix = coverMatrix([
      offer("a", { covers: ["theft", "glass"] }),
      offer("b", { covers: ["theft"] }),
      offer("c", { covers: ["assistance", "theft"] }),
    ]);
    // In the catalogue's order, whatever order the offers list them in.
    expect(matrix.columns).toEqual(["glass", "assistance"]);
    expect(matrix.everywhere).toEqual(["theft"]);
  });

  it("reads an insurer's coverage code as a catalogue cover", () => {
    expect(coverOfCode("replacement_car")).toBe("replacementCar");
    expect(coverOfCode("GLASS")).toBe("glass");
    expect(coverOfCode("vehicle")).toBeNull();
  });
});

describe("refusal", () => {
  const fresh = { current: true, stale: false, waiting: false };
  it("lets a current offer be chosen", () => {
    expect(refusal(offer("a"), fresh)).toBeNull();
  });
  it("refuses a stale offer until it is quoted again, and says why", () => {
    expect(refusal(offer("a"), { current: false, stale: true, waiting: false })).toBe("stale");
    expect(refusal(offer("a"), { current: false, stale: false, waiting: false })).toBe("checking");
    expect(refusal(offer("a"), { ...fresh, waiting: true })).toBe("waiting");
    expect(refusal(offer("a", { expired: true }), fresh)).toBe("expired");
  });
});

describe("cheapestMayShow", () => {
  const base = { waiting: false, unanswered: 0, insurers: ["a", "b"], isCurrent: () => true };
  it("names the cheapest only for a finished batch priced on the current data", () => {
    expect(cheapestMayShow(base)).toBe(true);
    expect(cheapestMayShow({ ...base, waiting: true })).toBe(false);
    expect(cheapestMayShow({ ...base, unanswered: 1 })).toBe(false);
    expect(cheapestMayShow({ ...base, isCurrent: (i) => i !== "b" })).toBe(false);
    expect(cheapestMayShow({ ...base, insurers: [] })).toBe(false);
  });
});

describe("conversion", () => {
  afterEach(() => setLanguage("ro"));
  it("labels an amount in lei with the offer's rate and whose it is", () => {
    const eur = offer("allianz", { premium: "1310.72", currency: "EUR", premiumRon: "6523.45", exchangeRate: "4.977" });
    expect(conversion(eur, "Allianz", "ro")).toEqual({
      amount: "≈ 6.523,45 lei",
      short: "curs 4,9770",
      full: "≈ 6.523,45 lei (curs 4,9770 lei/EUR din oferta Allianz)",
    });
    expect(conversion(offer("a"), "A", "ro")).toBeNull();
  });

  it("never shows an amount in lei the offer gave no rate for", () => {
    const eur = offer("x", { premium: "100.00", currency: "EUR", premiumRon: "100.00", exchangeRate: null });
    expect(conversion(eur, "X", "ro")?.amount).toBe("");
  });

  it("writes rates with at least four decimals in each language", () => {
    expect(formatRate("4.97", "ro")).toBe("4,9700");
    expect(formatRate("4.97712", "en")).toBe("4.97712");
  });
});
