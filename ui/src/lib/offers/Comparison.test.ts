import { afterEach, describe, expect, it } from "vitest";
import { render } from "svelte/server";
import type { InsurerOutcome, OfferView } from "../backend";
import { FakeBackend } from "../backend/fake";
import { setLanguage } from "../i18n/index.svelte";
import { QuoteWizard } from "../wizard/state.svelte";
import Comparison from "./Comparison.svelte";

describe("Comparison", () => {
  afterEach(() => setLanguage("ro"));

  it("words a reopened comparison's outcomes in the language in force", async () => {
    const fake = new FakeBackend();
    const floor = "product.policyholder.address.floor";
    fake.saved.set(3, {
      outcomes: [
        {
          insurer: "grawe", displayName: "Grawe", elapsedMs: 5,
          state: { kind: "rejected", message: { code: "serverValidation" }, fields: { [floor]: [{ code: "insurerRequires", insurer: "Grawe", path: floor }] } },
        },
        { insurer: "groupama", displayName: "Groupama", elapsedMs: 0, state: { kind: "notEnabled", reason: { code: "switchedOff" } } },
        { insurer: "generali", displayName: "Generali", elapsedMs: 9, state: { kind: "failed", message: { code: "timedOut" } } },
      ],
      unanswered: [],
      quotedAt: "2026-11-27T10:00:00Z",
    });
    const wizard = new QuoteWizard(fake);
    await wizard.startNew();
    await wizard.offers.open(3);
    const props = { wizard, offers: wizard.offers, retry: () => {}, requoteUnanswered: () => {} };

    setLanguage("ro");
    const ro = render(Comparison, { props }).body;
    expect(ro).toContain("Serverul a respins unele date; vedeți mesajele de la câmpuri.");
    expect(ro).toContain("Asigurătorul Grawe cere etajul din adresa asiguratului.");
    expect(ro).toContain("Dezactivat în setări.");
    expect(ro).toContain("Serverul CascoApi nu a răspuns la timp. Încercați din nou.");

    setLanguage("en");
    const en = render(Comparison, { props }).body;
    expect(en).toContain("The server rejected some data; see the messages at the fields.");
    expect(en).toContain("Grawe requires the floor in the policyholder's address.");
    expect(en).toContain("Switched off in settings.");
    expect(en).toContain("The CascoApi server did not answer in time. Try again.");
  });

  it("draws one line per offer with the shared terms above, the cover matrix, and stale offers refused", async () => {
    const fake = new FakeBackend();
    const view = (insurer: string, premium: string, covers: string[], extra: Partial<OfferView> = {}): OfferView => ({
      offerId: "1", insurer, premium, currency: "RON", premiumRon: premium, exchangeRate: null, installmentCount: 1, installments: [],
      startDate: "2026-12-03", endDate: "2027-12-02", insuredSum: { amount: "26300.00", currency: "RON" }, deductibles: null,
      covers, coverages: [{ code: "vehicle", notes: null }], notes: null, expiryDate: "2027-01-01", expired: false, ...extra,
    });
    const outcome = (insurer: string, offer: OfferView): InsurerOutcome => ({
      insurer, displayName: insurer.toUpperCase(), elapsedMs: 1, state: { kind: "offers", offers: [offer] },
    });
    fake.saved.set(4, {
      outcomes: [
        outcome("asirom", view("asirom", "700.00", ["glass", "theft"])),
        outcome("uniqa", view("uniqa", "171.03", ["theft"], { currency: "EUR", premiumRon: "850.00", exchangeRate: "4.97" })),
      ],
      unanswered: [],
      quotedAt: "2026-12-02T10:00:00Z",
    });
    fake.check = () => ({ fields: {}, warnings: {}, insurerGaps: [], required: [], stale: ["uniqa"] });
    const wizard = new QuoteWizard(fake);
    await wizard.startNew();
    await wizard.validate();
    await wizard.offers.open(4);
    const html = render(Comparison, { props: { wizard, offers: wizard.offers, retry: () => {}, requoteUnanswered: () => {} } }).body;
    const line = (insurer: string) => html.slice(html.indexOf(`data-insurer="${insurer}"`), html.indexOf("</tr>", html.indexOf(`data-insurer="${insurer}"`)));

    // Shared: period, sum; theft is in both offers, so it is a summary fact, not a column.
    expect(html).toContain("03.12.2026 – 02.12.2027");
    expect(html).toContain("Incluse în toate</span>Furt");
    expect(html).toMatch(/<th[^>]*data-cover="glass"/);
    expect(html).not.toMatch(/<th[^>]*data-cover="theft"/);
    expect(line("asirom")).toMatch(/data-cover="glass"[^>]*>✓/);
    expect(line("uniqa")).toMatch(/data-cover="glass"[^>]*>—/);
    // The EUR offer: its own premium, and lei only with its rate.
    expect(line("uniqa")).toContain("171,03 EUR");
    expect(line("uniqa")).toContain("≈ 850,00 lei");
    expect(line("uniqa")).toContain("curs 4,9700");
    // Stale: marked, and Alege disabled with the reason; the current one can be chosen.
    expect(line("uniqa")).toContain("depășită");
    expect(line("uniqa")).toMatch(/<button[^>]*class="choose[^"]*"[^>]*disabled/);
    expect(line("asirom")).not.toMatch(/<button[^>]*class="choose[^"]*"[^>]*disabled/);
    // Not every offer is current: no offer is called the cheapest.
    expect(html).not.toContain("Cea mai mică primă");
  });
});
