import { describe, expect, it } from "vitest";
import { emptyDraft, FakeBackend } from "../backend/fake";
import { CommandError, type InsurerOutcome, type OfferView } from "../backend";
import { QuoteWizard } from "../wizard/state.svelte";
import { OfferComparison } from "./state.svelte";

const PRODUCT = { code: "productChosen", product: "casco", vehicles: "any" } as const;

const REFS = [
  { insurer: "generali", displayName: "Generali" },
  { insurer: "grawe", displayName: "Grawe" },
  { insurer: "groupama", displayName: "Groupama" },
];

function offer(insurer: string, premiumRon: string, extra: Partial<OfferView> = {}): OfferView {
  return {
    offerId: `${insurer}-1`, insurer, premium: premiumRon, currency: "RON", premiumRon, exchangeRate: null,
    installmentCount: 1, installments: [], startDate: "2026-12-01", endDate: "2027-11-30", insuredSum: null, deductibles: null,
    covers: [], coverages: [{ code: "vehicle", notes: null }], notes: null, expiryDate: "2026-12-20", expired: false, ...extra,
  };
}

const offers = (insurer: string, displayName: string, premiumRon: string): InsurerOutcome => ({
  insurer, displayName, elapsedMs: 10, state: { kind: "offers", offers: [offer(insurer, premiumRon)] },
});

const floorRejected: InsurerOutcome = {
  insurer: "grawe", displayName: "Grawe", elapsedMs: 5,
  state: {
    kind: "rejected",
    message: { code: "serverValidation" },
    fields: { "product.policyholder.address.floor": [{ code: "serverSaid", text: "Etajul este obligatoriu." }] },
  },
};

/** The offer rows as `insurer:premium`, in no particular order (the order is Rust's). */
const rowSet = (c: OfferComparison) => c.rows.map((r) => `${r.offer.insurer}:${r.offer.premiumRon}`).sort();

describe("OfferComparison", () => {
  it("waits for every insurer, then shows each answer as it arrives", async () => {
    const backend = new FakeBackend();
    backend.quoteAnswers = [offers("groupama", "Groupama", "900.00"), floorRejected, offers("generali", "Generali", "750.00")];
    const c = new OfferComparison(backend);
    const running = c.quote(1, emptyDraft(), REFS, null);
    expect(c.waiting).toBe(true);
    expect(c.lines.every((l) => l.waitingSince !== null)).toBe(true);
    await running;
    await c.arrange();
    expect(c.waiting).toBe(false);
    expect(rowSet(c)).toEqual(["generali:750.00", "groupama:900.00"]);
    expect(c.others.map((l) => l.insurer)).toEqual(["grawe"]);
    expect(c.line("grawe")?.outcome?.state).toEqual(floorRejected.state);
  });

  it("checks the draft again once a batch has answered, so stale offers are known", async () => {
    const backend = new FakeBackend();
    backend.quoteAnswers = [offers("generali", "Generali", "750.00")];
    const wizard = new QuoteWizard(backend, { validateMs: 1, saveMs: 1 });
    await wizard.startNew();
    wizard.offers.insurers = REFS.slice(0, 1);
    const before = backend.validations.length;
    await wizard.offers.ask(wizard, null);
    expect(backend.quoteCalls).toEqual([null]);
    // The check ran after the outcome was in, not only before the batch.
    expect(backend.validations.length).toBeGreaterThan(before);
    expect(wizard.checked).toBe(true);
  });

  it("pins the chosen offer at the top and refuses stale, expired and unchecked offers", async () => {
    const backend = new FakeBackend();
    backend.quoteAnswers = [
      offers("generali", "Generali", "750.00"),
      offers("groupama", "Groupama", "900.00"),
      { insurer: "grawe", displayName: "Grawe", elapsedMs: 1, state: { kind: "offers", offers: [offer("grawe", "500.00", { expired: true })] } },
    ];
    backend.check = () => ({ fields: {}, warnings: {}, insurerGaps: [], required: [], stale: ["generali"] });
    const wizard = new QuoteWizard(backend, { validateMs: 1, saveMs: 1 });
    await wizard.startNew();
    const c = wizard.offers;
    c.insurers = REFS;
    await c.ask(wizard, null);
    await c.arrange();
    const row = (insurer: string) => c.rows.find((r) => r.offer.insurer === insurer)!;

    expect(c.refusalOf(row("generali"), wizard)).toBe("stale");
    expect(c.refusalOf(row("grawe"), wizard)).toBe("expired");
    expect(c.refusalOf(row("groupama"), wizard)).toBeNull();
    expect(c.choose(row("generali"), wizard)).toBe(false);
    expect(c.chosen).toBeNull();

    expect(c.choose(row("groupama"), wizard)).toBe(true);
    expect(c.ordered[0]!.offer.insurer).toBe("groupama");
    // Sorting again (Rust's order) keeps the chosen offer on top.
    await c.setFilter({ sort: "insurer" });
    expect(c.ordered[0]!.offer.insurer).toBe("groupama");

    // An edit not yet checked makes every offer wait for the check.
    wizard.set("product.vehicle.yearOfConstruction", "vehicle.year", "2018");
    expect(c.refusalOf(row("groupama"), wizard)).toBe("checking");

    // Asking that insurer again forgets the choice: its new offer must be chosen anew.
    await c.ask(wizard, ["groupama"]);
    expect(c.chosen).toBeNull();
  });

  it("moves the selection with the arrows within the rows", async () => {
    const backend = new FakeBackend();
    backend.quoteAnswers = [offers("generali", "Generali", "750.00"), offers("groupama", "Groupama", "900.00")];
    const c = new OfferComparison(backend);
    await c.quote(1, emptyDraft(), REFS, null);
    await c.arrange();
    expect(c.selectedRow?.offer.insurer).toBe("generali");
    expect(c.move(1)?.offer.insurer).toBe("groupama");
    expect(c.move(1)?.offer.insurer).toBe("groupama");
    expect(c.move(-5)?.offer.insurer).toBe("generali");
  });

  it("asks every insurer by itself when Verificare's Cere oferte opened it, once", async () => {
    const backend = new FakeBackend();
    backend.quoteAnswers = [offers("generali", "Generali", "750.00")];
    const wizard = new QuoteWizard(backend, { validateMs: 1, saveMs: 1 });
    await wizard.startNew();
    wizard.quoteOnOpen = true;
    await wizard.offers.prepare(wizard);
    expect(backend.quoteCalls).toEqual([null]);
    expect(wizard.quoteOnOpen).toBe(false);
    expect(wizard.offers.ready).toBe(true);
    // Opening Oferte again shows the comparison without a new batch.
    await wizard.offers.prepare(wizard);
    expect(backend.quoteCalls).toEqual([null]);
  });

  it("retries one insurer and keeps everyone else's outcome", async () => {
    const backend = new FakeBackend();
    backend.quoteAnswers = [offers("generali", "Generali", "750.00"), floorRejected];
    const c = new OfferComparison(backend);
    await c.quote(1, emptyDraft(), REFS.slice(0, 2), null);
    backend.quoteAnswers = [offers("generali", "Generali", "1.00"), offers("grawe", "Grawe", "600.00")];
    await c.quote(1, emptyDraft(), REFS.slice(0, 2), ["grawe"]);
    await c.arrange();
    expect(backend.quoteCalls).toEqual([null, ["grawe"]]);
    expect(rowSet(c)).toEqual(["generali:750.00", "grawe:600.00"]);
    expect(c.others).toEqual([]);
  });

  it("drops what a batch still answers once another draft is shown", async () => {
    const backend = new FakeBackend();
    backend.quoteAnswers = [offers("generali", "Generali", "750.00"), floorRejected];
    const c = new OfferComparison(backend);
    c.reset(1);
    const running = c.quote(1, emptyDraft(), REFS.slice(0, 2), null);
    // The agent opens draft 2 while draft 1's batch is still running.
    c.reset(2);
    await running;
    await c.arrange();
    expect(c.draftId).toBe(2);
    expect(c.lines).toEqual([]);
    expect(c.rows).toEqual([]);
    expect(c.waiting).toBe(false);
  });

  it("reopens a saved comparison with the insurers a crash left unanswered", async () => {
    const backend = new FakeBackend();
    backend.saved.set(7, {
      outcomes: [offers("generali", "Generali", "750.00")],
      unanswered: [{ insurer: "grawe", displayName: "Grawe" }],
      quotedAt: "2026-11-27T10:00:00Z",
    });
    const c = new OfferComparison(backend);
    await c.open(7);
    expect(c.rows).toHaveLength(1);
    expect(c.unanswered.map((u) => u.insurer)).toEqual(["grawe"]);
    await c.quote(7, emptyDraft(), REFS, ["grawe"]);
    expect(c.unanswered).toEqual([]);
  });

  it("preselects the closest variant unless the agent's choice is still offered", async () => {
    const backend = new FakeBackend();
    const variant = (identifier: string) => ({ identifier, modelName: identifier, production: "2017–2021", marketValue: "9500.00", currency: null });
    backend.identification = {
      fromCache: false,
      insurers: [
        { insurer: "generali", displayName: "Generali", variants: [variant("g1"), variant("g2")], closest: 1, product: PRODUCT },
        { insurer: "grawe", displayName: "Grawe", variants: [variant("w1"), variant("w2")], closest: 0, product: PRODUCT },
        { insurer: "groupama", displayName: "Groupama", variants: [], closest: null, product: PRODUCT },
      ],
    };
    const draft = emptyDraft();
    draft.vehicle.identifiers = { grawe: "w2", generali: "gone" };
    const c = new OfferComparison(backend);
    expect(await c.identify(1, draft)).toEqual({ generali: "g2", grawe: "w2" });
    expect(c.variants).toHaveLength(3);
  });

  it("shows a field-level reason when the vehicle cannot be identified", async () => {
    const backend = new FakeBackend();
    backend.identifyQuoteVehicle = async () => {
      throw new CommandError({
        code: "validation",
        message: { code: "cannotIdentify" },
        fields: { "product.vehicle.brand": [{ code: "required" }] },
      });
    };
    const c = new OfferComparison(backend);
    expect(await c.identify(1, emptyDraft())).toBeNull();
    expect(c.identifyError).toEqual({ code: "cannotIdentify" });
    expect(c.identifyFields).toEqual({ "product.vehicle.brand": [{ code: "required" }] });
  });

  it("asks Rust to arrange the rows again when a filter changes", async () => {
    const backend = new FakeBackend();
    backend.quoteAnswers = [offers("generali", "Generali", "750.00")];
    const c = new OfferComparison(backend);
    await c.quote(1, emptyDraft(), REFS.slice(0, 1), null);
    await c.setFilter({ installments: 4, sort: "insurer" });
    expect(backend.compareFilters.at(-1)).toEqual({ installments: 4, currency: null, sort: "insurer" });
  });
});
