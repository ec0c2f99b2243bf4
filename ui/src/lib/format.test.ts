import { describe, expect, it } from "vitest";
import { compareText, foldText, formatAmount, formatCount, formatDate, formatDateTime, formatMoney, formatTime } from "./format";

describe("formatDate", () => {
  it("shows ISO dates as dd.mm.yyyy", () => {
    expect(formatDate("2026-11-27")).toBe("27.11.2026");
    expect(formatDate("2025-01-05T10:00:00Z")).toBe("05.01.2025");
  });
  it("leaves anything else alone", () => {
    expect(formatDate("")).toBe("");
    expect(formatDate("27.11.2026")).toBe("27.11.2026");
  });
});

describe("formatDateTime", () => {
  it("pads day, month, hour and minute", () => {
    expect(formatDateTime(new Date(2026, 0, 5, 9, 7))).toBe("05.01.2026 09:07");
  });
});

describe("formatTime", () => {
  it("pads hour and minute, as the end of formatDateTime", () => {
    const d = new Date(2026, 0, 5, 9, 7);
    expect(formatTime(d)).toBe("09:07");
    expect(formatTime(d)).toBe(formatDateTime(d).slice(11));
  });
});

describe("formatAmount", () => {
  it("uses dot groups and comma decimals in Romanian", () => {
    expect(formatAmount("1234.56")).toBe("1.234,56");
    expect(formatAmount("100000.00")).toBe("100.000,00");
    expect(formatAmount(1000)).toBe("1.000,00");
    expect(formatAmount("999")).toBe("999,00");
    expect(formatAmount("1234567.8")).toBe("1.234.567,80");
  });
  it("uses comma groups and dot decimals in English", () => {
    expect(formatAmount("1234.56", "en")).toBe("1,234.56");
  });
  it("rounds half away from zero without floating point", () => {
    expect(formatAmount("1.005")).toBe("1,01");
    expect(formatAmount("0.994")).toBe("0,99");
    expect(formatAmount("999.995")).toBe("1.000,00");
    expect(formatAmount("-1234.5")).toBe("-1.234,50");
    expect(formatAmount("-0.001")).toBe("0,00");
  });
  it("returns text that is not a number unchanged", () => {
    expect(formatAmount("n/a")).toBe("n/a");
  });
});

describe("formatMoney", () => {
  it("writes lei in Romanian and the currency code otherwise", () => {
    expect(formatMoney("1234.5", "RON")).toBe("1.234,50 lei");
    expect(formatMoney("1234.5", "EUR")).toBe("1.234,50 EUR");
    expect(formatMoney("1234.5", "RON", "en")).toBe("1,234.50 RON");
  });
});

describe("foldText and compareText", () => {
  it("fold Romanian diacritics and case, the same everywhere", () => {
    expect(foldText("Ștefănescu ȚĂRMURE Îngust Âncă")).toBe("stefanescu tarmure ingust anca");
  });

  it("order Romanian names as an agent expects, ignoring diacritics and case", () => {
    const names = ["Ţara", "zorile", "Ștefan", "Arad", "sibiu", "Țara", "Alba"];
    expect([...names].sort(compareText)).toEqual(["Alba", "Arad", "sibiu", "Ștefan", "Ţara", "Țara", "zorile"]);
    expect(compareText("a", "a")).toBe(0);
  });
});

describe("formatCount", () => {
  it("groups thousands as each language writes them, the same in every webview", () => {
    expect(formatCount(13755)).toBe("13.755");
    expect(formatCount(13755, "en")).toBe("13,755");
    expect(formatCount(1234567)).toBe("1.234.567");
    expect(formatCount(42)).toBe("42");
    expect(formatCount(0)).toBe("0");
    expect(formatCount(-1500)).toBe("-1.500");
  });
  it("counts whole items: a fraction is dropped, not rounded up", () => {
    expect(formatCount(999.9)).toBe("999");
  });
});

describe("amounts as documents write them", () => {
  it("match the cases casco-core's proposal is checked against", async () => {
    const { cases } = (await import("../../../crates/casco-core/data/money_text_cases.json")).default as {
      cases: { value: string; lang: "ro" | "en"; amount: string; RON: string; EUR: string }[];
    };
    expect(cases.length).toBeGreaterThan(5);
    for (const c of cases) {
      expect(formatAmount(c.value, c.lang), JSON.stringify(c)).toBe(c.amount);
      expect(formatMoney(c.value, "RON", c.lang), JSON.stringify(c)).toBe(c.RON);
      expect(formatMoney(c.value, "EUR", c.lang), JSON.stringify(c)).toBe(c.EUR);
    }
  });
});
