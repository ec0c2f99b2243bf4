import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeBackend } from "../backend/fake";
import type { Message, QuoteCheck, QuoteDraft } from "../backend";
import { setLanguage } from "../i18n/index.svelte";
import { fieldId } from "./fields";
import { QuoteWizard } from "./state.svelte";

const REQUIRED: Message = { code: "required" };
const FLOOR = "product.policyholder.address.floor";

// Stands in for the Rust validator: only the rules these tests need.
function check(d: QuoteDraft): QuoteCheck {
  const fields: Record<string, Message[]> = {};
  if (!d.policyholder.lastName.trim()) fields["product.policyholder.lastName"] = [REQUIRED];
  if (d.policyholder.taxId && d.policyholder.taxId !== "1800101221144")
    fields["product.policyholder.taxId"] = [{ code: "cnpControl" }];
  if (!d.vehicle.vin.trim()) fields["product.vehicle.vin"] = [REQUIRED];
  if (!d.cover.startDate.trim()) fields["product.motor.startDate"] = [REQUIRED];
  const gaps = d.policyholder.address.floor
    ? []
    : [{ insurer: "grawe", displayName: "Grawe", path: FLOOR, message: { code: "insurerRequires", insurer: "Grawe", path: FLOOR } as const }];
  return { fields, warnings: {}, insurerGaps: gaps, required: ["product.policyholder.lastName", "product.vehicle.vin", "product.motor.startDate"], stale: [] };
}

describe("QuoteWizard", () => {
  let fake: FakeBackend;
  let wizard: QuoteWizard;

  beforeEach(async () => {
    vi.useFakeTimers();
    setLanguage("ro");
    fake = new FakeBackend();
    fake.stored.defaults = { currency: "EUR", installments: 4, termMonths: 6 };
    fake.check = check;
    wizard = new QuoteWizard(fake);
    await wizard.start();
  });
  afterEach(() => vi.useRealTimers());

  it("starts a new draft with the quote defaults when none is open", () => {
    expect(wizard.resume).toBeNull();
    expect(wizard.draft?.cover).toMatchObject({ currency: "EUR", installments: 4, termMonths: 6 });
    expect(wizard.id).toBeNull();
  });

  it("knows the required fields from the checks once they have run", async () => {
    await wizard.validate();
    expect(wizard.required.has("product.vehicle.vin")).toBe(true);
    expect(wizard.required.has("product.policyholder.address.floor")).toBe(false);
  });

  it("autosaves once after typing stops, and the first save's id is reused", async () => {
    wizard.set("product.policyholder.lastName", "policyholder.lastName", "P");
    await vi.advanceTimersByTimeAsync(200);
    wizard.set("product.policyholder.lastName", "policyholder.lastName", "Popescu");
    await vi.advanceTimersByTimeAsync(200);
    expect(fake.draftSaves).toHaveLength(0);
    expect(wizard.unsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    expect(fake.draftSaves).toHaveLength(1);
    expect(wizard.unsaved).toBe(false);
    expect(fake.draftSaves[0]).toMatchObject({ id: null, draft: { policyholder: { lastName: "Popescu" } } });
    expect(wizard.id).toBe(1);

    wizard.set("product.policyholder.firstName", "policyholder.firstName", "Ion");
    await vi.advanceTimersByTimeAsync(450);
    expect(fake.draftSaves).toHaveLength(2);
    expect(fake.draftSaves[1]!.id).toBe(1);
    expect((await fake.listQuoteDrafts()).map((d) => d.clientName)).toEqual(["Popescu Ion"]);
  });

  it("two saves in flight never create two drafts", async () => {
    wizard.set("product.vehicle.vin", "vehicle.vin", "A");
    const first = wizard.save();
    wizard.set("product.vehicle.vin", "vehicle.vin", "AB");
    await Promise.all([first, wizard.save()]);
    expect(fake.draftSaves.map((s) => s.id)).toEqual([null, 1]);
    expect(fake.drafts.size).toBe(1);
  });

  it("validates while typing and maps each message to its field", async () => {
    wizard.set("product.policyholder.taxId", "policyholder.taxId", "1800101221145");
    await vi.advanceTimersByTimeAsync(350);
    expect(fake.validations.length).toBeGreaterThan(0);
    // Touched field: its message shows; untouched fields of later steps stay quiet.
    expect(wizard.messagesFor("product.policyholder.taxId")).toEqual([{ code: "cnpControl" }]);
    expect(wizard.messagesFor("product.vehicle.vin")).toEqual([]);
    expect(fieldId("product.policyholder.taxId")).toBe("f-product-policyholder-taxId");
    // Once the step is passed, its empty required fields show too.
    wizard.next();
    await vi.advanceTimersByTimeAsync(350);
    expect(wizard.messagesFor("product.policyholder.lastName")).toEqual([REQUIRED]);
  });

  it("prefills birth date and sex from a valid CNP without overwriting what was typed", async () => {
    wizard.set("product.policyholder.taxId", "policyholder.taxId", "1800101221144");
    await vi.advanceTimersByTimeAsync(10);
    expect(wizard.draft?.policyholder.birthdate).toBe("01.01.1980");
    expect(wizard.draft?.policyholder.gender).toBe("m");
    expect(wizard.isPrefilled("policyholder", "birthdate")).toBe(true);

    wizard.set("product.policyholder.gender", "policyholder.gender", "f");
    wizard.set("product.policyholder.taxId", "policyholder.taxId", "1900505221144");
    await vi.advanceTimersByTimeAsync(10);
    expect(wizard.draft?.policyholder.birthdate).toBe("05.05.1990");
    expect(wizard.draft?.policyholder.gender).toBe("f");
  });

  it("keeps Cere oferte disabled and lists what is missing until the draft is valid", async () => {
    wizard.goTo("review");
    await vi.advanceTimersByTimeAsync(350);
    expect(wizard.canQuote).toBe(false);
    expect(wizard.missing.map((m) => [m.step, m.path])).toEqual([
      ["policyholder", "product.policyholder.lastName"],
      ["vehicle", "product.vehicle.vin"],
      ["cover", "product.motor.startDate"],
    ]);
    expect(wizard.gaps.map((g) => g.displayName)).toEqual(["Grawe"]);

    wizard.set("product.policyholder.lastName", "policyholder.lastName", "Popescu");
    wizard.set("product.vehicle.vin", "vehicle.vin", "WVWZZZ1JZXW000001");
    wizard.set("product.motor.startDate", "cover.startDate", "01.12.2026");
    // While a check is pending the button stays off: the answer may still find problems.
    expect(wizard.canQuote).toBe(false);
    await vi.advanceTimersByTimeAsync(350);
    expect(wizard.missing).toEqual([]);
    // Insurer gaps warn but do not block.
    expect(wizard.gaps).toHaveLength(1);
    expect(wizard.canQuote).toBe(true);
  });

  it("offers the last open draft on start and continues it", async () => {
    wizard.set("product.policyholder.lastName", "policyholder.lastName", "Popescu");
    wizard.goTo("vehicle");
    await wizard.flush();

    const again = new QuoteWizard(fake);
    await again.start();
    expect(again.resume?.summary.clientName).toBe("Popescu");
    expect(again.draft).toBeNull();
    again.open(again.resume!);
    expect(again.resume).toBeNull();
    expect(again.id).toBe(1);
    expect(again.step).toBe("vehicle");
    expect(again.draft?.policyholder.lastName).toBe("Popescu");

    // "Începe alta" starts a second draft; the first stays in Ciorne.
    await again.startNew();
    again.set("product.policyholder.lastName", "policyholder.lastName", "Ionescu");
    await again.flush();
    expect((await fake.listQuoteDrafts()).map((d) => d.clientName).sort()).toEqual(["Ionescu", "Popescu"]);
  });

  it("opens a draft stored on the old Utilizator step on Vehicul, where the user block is", async () => {
    wizard.set("product.policyholder.lastName", "policyholder.lastName", "Popescu");
    await wizard.flush();
    const stored = fake.drafts.get(wizard.id!)!;
    stored.draft.step = "user";
    stored.summary.step = "user";

    const again = new QuoteWizard(fake);
    await again.start();
    again.open(again.resume!);
    expect(again.step).toBe("vehicle");
    expect(again.draft?.step).toBe("vehicle");
    // Earlier steps count as passed: their messages show.
    expect(again.reached).toBe("vehicle");
    again.next();
    expect(again.step).toBe("cover");
    again.back();
    again.goTo("user");
    expect(again.step).toBe("vehicle");
  });

  it("asks for offers from Verificare only when the draft can be quoted, and Oferte starts the batch", async () => {
    wizard.goTo("review");
    await vi.advanceTimersByTimeAsync(350);
    expect(wizard.askForOffers()).toBe(false);
    expect(wizard.step).toBe("review");
    expect(wizard.quoteOnOpen).toBe(false);

    wizard.set("product.policyholder.lastName", "policyholder.lastName", "Popescu");
    wizard.set("product.vehicle.vin", "vehicle.vin", "WVWZZZ1JZXW000001");
    wizard.set("product.motor.startDate", "cover.startDate", "01.12.2026");
    await vi.advanceTimersByTimeAsync(350);
    expect(wizard.askForOffers()).toBe(true);
    expect(wizard.step).toBe("offers");
    expect(wizard.quoteOnOpen).toBe(true);
  });

  it("says whether the offers on record are current, from the comparison and the last check", async () => {
    expect(wizard.offersState).toBe("none");
    const offer = (insurer: string) =>
      ({ insurer, displayName: insurer, waitingSince: null, outcome: { insurer, displayName: insurer, state: { kind: "offers" } } }) as never;
    wizard.offers.lines = [offer("grawe"), offer("allianz")];
    expect(wizard.offersState).toBe("current");
    expect(wizard.hasOffers).toBe(true);
    fake.check = (d) => ({ ...check(d), stale: ["allianz"] });
    await wizard.validate();
    expect(wizard.offersState).toBe("stale");
    wizard.offers.lines = [...wizard.offers.lines, { insurer: "uniqa", displayName: "Uniqa", waitingSince: Date.now(), outcome: null }];
    expect(wizard.offersState).toBe("waiting");
  });

  it("knows which insurers ask for an empty field", async () => {
    await wizard.validate();
    expect(wizard.gapsFor(FLOOR).map((g) => g.displayName)).toEqual(["Grawe"]);
    expect(wizard.gapsFor("product.vehicle.vin")).toEqual([]);
  });

  it("stops autosaving a draft discarded elsewhere", async () => {
    wizard.set("product.policyholder.lastName", "policyholder.lastName", "Popescu");
    await wizard.flush();
    await fake.discardQuoteDraft(wizard.id!);
    wizard.set("product.policyholder.lastName", "policyholder.lastName", "Popescu2");
    await wizard.flush();
    expect(wizard.closed).toBe(true);
    expect(fake.drafts.size).toBe(1);
  });
});
