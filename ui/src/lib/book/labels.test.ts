import { beforeEach, describe, expect, it } from "vitest";
import type { PolicyView, VehicleCard } from "../backend";
import { setLanguage } from "../i18n/index.svelte";
import { daysLeftText, daysText, entriesText, offersText, pluralForm, policyPeriod, urgency, vehicleName, vehicleParts, documentLabel } from "./labels";

beforeEach(() => setLanguage("ro"));

describe("Romanian plurals", () => {
  it("say 1 zi, 5 zile, 20 de zile, 101 zile, 120 de zile", () => {
    expect([1, 0, 5, 19, 20, 45, 100, 101, 119, 120, 365].map(pluralForm)).toEqual([
      "one", "few", "few", "few", "many", "many", "many", "few", "few", "many", "many",
    ]);
    expect(daysText(1)).toBe("1 zi");
    expect(daysText(5)).toBe("5 zile");
    expect(daysText(45)).toBe("45 de zile");
    expect(daysText(101)).toBe("101 zile");
    expect(offersText(10)).toBe("10 oferte");
    expect(offersText(1)).toBe("1 ofertă");
    expect(entriesText(300)).toBe("300 de înregistrări");
  });

  it("read the same in English for few and many", () => {
    setLanguage("en");
    expect(daysText(1)).toBe("1 day");
    expect(daysText(5)).toBe("5 days");
    expect(daysText(45)).toBe("45 days");
  });
});

describe("days left before a policy ends", () => {
  it("say azi, mâine, then peste N zile", () => {
    expect(daysLeftText(0)).toBe("azi");
    expect(daysLeftText(1)).toBe("mâine");
    expect(daysLeftText(7)).toBe("peste 7 zile");
    expect(daysLeftText(20)).toBe("peste 20 de zile");
    setLanguage("en");
    expect(daysLeftText(20)).toBe("in 20 days");
  });

  it("grow urgent within a week, soon within two", () => {
    expect([0, 7, 8, 14, 15, 45].map(urgency)).toEqual(["bad", "bad", "warn", "warn", "muted", "muted"]);
  });
});

describe("vehicles and policies", () => {
  const card = (extra: Partial<VehicleCard>): VehicleCard => ({ vin: "", plate: "", make: "dacia", model: "logan", year: "2019", ...extra });

  it("name a vehicle as agents write it", () => {
    expect(vehicleName(card({}))).toBe("Dacia Logan 2019");
    expect(vehicleName(card({ make: "bmw", model: "seria 3", year: "" }))).toBe("BMW Seria 3");
    expect(vehicleName(card({ make: "", model: "", year: "" }))).toBe("");
  });

  it("split Reînnoiri's vehicle line, keeping the plate as it is", () => {
    expect(vehicleParts("CJ 34 TUT · dacia logan")).toEqual(["CJ 34 TUT", "Dacia Logan"]);
    expect(vehicleParts("CJ 34 TUT")).toEqual(["CJ 34 TUT", ""]);
    expect(vehicleParts("dacia logan")).toEqual(["", "Dacia Logan"]);
    expect(vehicleParts("")).toEqual(["", ""]);
  });

  it("name a document without the date its line already shows", () => {
    expect(documentLabel("2026-12-02 Poliță Eazy Insure EZI 100002.pdf")).toBe("Poliță Eazy Insure EZI 100002");
    expect(documentLabel("Propunere 4-1.PDF")).toBe("Propunere 4-1");
  });

  it("write a policy's period with what is known of it", () => {
    const p = (startDate: string | null, endDate: string | null): PolicyView => ({
      series: "GRP", number: "1", providerPolicyCode: null, startDate, endDate, premium: null, installments: [], payment: null,
    });
    expect(policyPeriod(p("2026-12-03", "2027-12-02"))).toBe("03.12.2026 – 02.12.2027");
    expect(policyPeriod(p(null, "2027-12-02"))).toBe("… – 02.12.2027");
    expect(policyPeriod(p(null, null))).toBe("—");
  });
});
