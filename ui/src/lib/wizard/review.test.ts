import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "svelte/server";
import type { InsurerGap } from "../backend";
import { FakeBackend } from "../backend/fake";
import { setLanguage } from "../i18n/index.svelte";
import { fieldByPath } from "./fields";
import Review from "./Review.svelte";
import { groupGaps, reviewLines, shownValue } from "./review";
import { QuoteWizard } from "./state.svelte";

const FLOOR = "product.policyholder.address.floor";
const gap = (insurer: string, path = FLOOR): InsurerGap => ({
  insurer: insurer.toLowerCase(),
  displayName: insurer,
  path,
  message: { code: "insurerRequires", insurer, path },
});

describe("Verificare as a summary", () => {
  let fake: FakeBackend;
  let wizard: QuoteWizard;

  beforeEach(async () => {
    vi.useFakeTimers();
    setLanguage("ro");
    fake = new FakeBackend();
    wizard = new QuoteWizard(fake);
    await wizard.startNew();
    const d = wizard.draft!;
    Object.assign(d.policyholder, { taxId: "1800101221144", lastName: "Popescu", firstName: "Ion", gender: "m" });
    Object.assign(d.vehicle, { make: "dacia", model: "Logan", category: "M1", marketValue: "9500", isLeased: false });
    Object.assign(d.cover, { currency: "RON", insuredSum: "26300.5", extraCoverages: ["assistance", "glass"], bonusMalusClass: "B2" });
  });
  afterEach(() => vi.useRealTimers());

  const text = (path: string) => shownValue(fieldByPath(path)!, wizard.draft!);

  it("reads option texts, cover names and amounts with their currency, never codes", () => {
    expect(text("product.vehicle.brand")).toBe("Dacia");
    expect(text("product.policyholder.gender")).toBe("Masculin");
    expect(text("product.vehicle.vehicleType")).toBe("M1 autoturism");
    expect(text("product.policyholder.isLegalEntity")).toBe("Persoană fizică");
    expect(text("product.vehicle.usageType")).toBe("Personal");
    expect(text("product.additionalData.vehicle.user.bonusMalusClass")).toBe("B2");
    // Catalogue order, whatever order they were ticked in.
    expect(text("product.coverages")).toBe("Geamuri, Asistență rutieră");
    expect(text("product.vehicle.marketValue")).toBe("9.500,00 lei");
    expect(text("product.coverages.0.insuredSum")).toBe("26.300,50 lei");
    wizard.draft!.cover.currency = "EUR";
    expect(text("product.vehicle.marketValue")).toBe("9.500,00 EUR");
  });

  it("lists the vehicle's user apart from the vehicle, and the leasing contract only for a leased car", () => {
    const d = wizard.draft!;
    d.cover.leasingContractNumber = "RX1";
    expect(reviewLines("cover", d).some((l) => l.spec.path.endsWith("leasingContractNumber"))).toBe(false);
    d.vehicle.isLeased = true;
    expect(reviewLines("cover", d).some((l) => l.spec.path.endsWith("leasingContractNumber"))).toBe(true);
    expect(reviewLines("vehicle", d).some((l) => l.spec.path.startsWith("product.vehicle.user"))).toBe(false);
    d.user.sameAsPolicyholder = false;
    d.user.party.lastName = "Ionescu";
    expect(reviewLines("user", d).map((l) => l.text)).toContain("Ionescu");
  });

  it("groups what insurers ask for by field, most asked first", () => {
    const groups = groupGaps([gap("Grawe"), gap("Allianz"), gap("Uniqa", "product.vehicle.currentMileage"), gap("Generali")]);
    expect(groups).toEqual([
      { path: FLOOR, insurers: ["Allianz", "Generali", "Grawe"] },
      { path: "product.vehicle.currentMileage", insurers: ["Uniqa"] },
    ]);
  });

  it("says the required data is complete without a green all-valid while insurers ask for more", async () => {
    fake.check = () => ({ fields: {}, warnings: {}, insurerGaps: ["Grawe", "Allianz", "Generali"].map((n) => gap(n)), required: [], stale: [] });
    wizard.goTo("review");
    await wizard.validate();
    const { body } = render(Review, { props: { wizard } });
    expect(body).toContain("3 asigurători cer: etajul din adresa asiguratului");
    expect(body.match(/etajul din adresa/g)).toHaveLength(1);
    expect(body).toContain("Datele obligatorii sunt complete; unii asigurători cer date în plus");
    expect(body).not.toContain('class="ok-text"');
    expect(body).toContain("Dacia");
    expect(body).not.toContain(">dacia<");

    fake.check = () => ({ fields: {}, warnings: {}, insurerGaps: [], required: [], stale: [] });
    await wizard.validate();
    expect(render(Review, { props: { wizard } }).body).toContain('class="ok-text"');
  });
});
