import { afterEach, describe, expect, it } from "vitest";
import { render } from "svelte/server";
import type { InsurerOutcome, OfferView } from "../backend";
import { FakeBackend } from "../backend/fake";
import { setLanguage } from "../i18n/index.svelte";
import { QuoteWizard } from "../wizard/state.svelte";
import WizardHeader from "../wizard/WizardHeader.svelte";
import Comparison from "./Comparison.svelte";
import { isoDay, wireAmount } from "./payment.svelte";
import { defaultTicked, proposalRequest, proposalWording } from "./proposal";
import { rowKey } from "./state.svelte";

function offer(insurer: string, premium: string, extra: Partial<OfferView> = {}): OfferView {
  return {
    offerId: `${insurer}-1`, insurer, premium, currency: "RON", premiumRon: premium, exchangeRate: null, installmentCount: 2,
    installments: [{ number: 1, dueDate: "2026-12-03", amount: "617.28" }, { number: 2, dueDate: "2027-06-03", amount: "617.28" }],
    startDate: "2026-12-03", endDate: "2027-12-02", insuredSum: null, deductibles: null, covers: [], coverages: [{ code: "vehicle", notes: null }],
    notes: null, expiryDate: "2027-01-01", expired: false, ...extra,
  };
}

const outcome = (insurer: string, displayName: string, o: OfferView): InsurerOutcome => ({
  insurer, displayName, elapsedMs: 1, state: { kind: "offers", offers: [o] },
});

/** A wizard on a saved draft for Ștefănescu Țuțu-Ioana with three offers (Axeria's expired). */
async function comparison(fake = new FakeBackend()) {
  const wizard = new QuoteWizard(fake, { validateMs: 1, saveMs: 1 });
  await wizard.startNew();
  const draft = wizard.draft!;
  Object.assign(draft.policyholder, { lastName: "Ștefănescu", firstName: "Țuțu-Ioana" });
  Object.assign(draft.vehicle, { make: "dacia", model: "Logan", year: "2019", plate: "CJ 12 ABC" });
  await wizard.save();
  const id = wizard.id!;
  fake.saved.set(id, {
    outcomes: [
      outcome("groupama", "Groupama", offer("groupama", "1234.56")),
      outcome("axeria", "Axeria", offer("axeria", "750.00", { expired: true, expiryDate: "2026-11-30" })),
      outcome("uniqa", "Uniqa", offer("uniqa", "900.00")),
    ],
    unanswered: [],
    quotedAt: "2026-12-02T10:00:00Z",
  });
  await wizard.openId(id);
  await wizard.validate();
  await wizard.offers.open(id);
  const groupama = wizard.offers.rows.find((r) => r.offer.insurer === "groupama")!;
  return { fake, wizard, offers: wizard.offers, groupama, id };
}

describe("issuing", () => {
  afterEach(() => setLanguage("ro"));

  it("prefills the payment, puts each message under its field, and sends ONE issue however often confirm is pressed", async () => {
    const { fake, wizard, offers, groupama } = await comparison();
    expect(offers.startIssue(groupama, wizard, () => "ro")).toBe(false); // not chosen yet
    offers.choose(groupama, wizard);
    expect(offers.startIssue(groupama, wizard, () => "ro")).toBe(true);
    const form = offers.issueForm!;
    await form.load();
    expect([form.method, form.currency, form.amount, form.date]).toEqual(["pos", "RON", "617,28", "02.12.2026"]);

    // A receipt needs its number: the message shows under that field, and the form stays.
    form.method = "receipt";
    form.edit("method");
    await form.review();
    expect(form.stage).toBe("payment");
    expect(form.messagesFor("documentNumber")).toEqual([{ code: "documentNumberRequired" }]);
    form.method = "pos";
    await form.review();
    expect(form.stage).toBe("confirm");
    expect(form.payment()).toEqual({ method: "pos", currency: "RON", amount: "617,28", date: "2026-12-02", documentNumber: "" });

    // The call runs; a second (and third) press sends nothing.
    let release!: () => void;
    fake.issueGate = new Promise((r) => (release = r));
    const first = form.confirm();
    expect(form.sending).toBe(true);
    await form.confirm();
    await form.confirm();
    release();
    await first;
    expect(fake.issueCalls).toHaveLength(1);
    expect(form.stage).toBe("issued");
    // The policy PDF is saved and opened right away; the draft is now read-only.
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.downloads).toContain("policy:groupama-1");
    expect(wizard.policy).toBe("GRP 100045");
    expect(wizard.readOnly).toBe(true);
  });

  it("shows an insurer's refusal under the payment fields and lets the agent correct it", async () => {
    const { fake, wizard, offers, groupama } = await comparison();
    fake.issueAnswer = () => ({
      state: "refused",
      message: { code: "serverValidation" },
      fields: { "payment.documentNumber": [{ code: "serverSaid", text: "Asigurătorul nu a găsit documentul de plată." }] },
    });
    offers.choose(groupama, wizard);
    offers.startIssue(groupama, wizard, () => "ro");
    const form = offers.issueForm!;
    await form.load();
    form.method = "receipt";
    form.documentNumber = "CH 123";
    await form.review();
    await form.confirm();
    expect(form.stage).toBe("payment");
    expect(form.messagesFor("documentNumber")).toEqual([{ code: "serverSaid", text: "Asigurătorul nu a găsit documentul de plată." }]);
    expect(wizard.readOnly).toBe(false);
  });

  it("marks an unconfirmed issue, blocks every other payment, and Verifică gives the policy", async () => {
    const fake = new FakeBackend();
    const { wizard, offers, groupama, id } = await comparison(fake);
    fake.issues.set("groupama-1", { draftId: id, offerId: "groupama-1", insurer: "groupama", state: { state: "unconfirmed", attempts: 1, reason: null } });
    await offers.issues.load(id);
    const uniqa = offers.rows.find((r) => r.offer.insurer === "uniqa")!;
    expect(offers.choose(uniqa, wizard)).toBe(false);
    expect(offers.refusalOf(groupama, wizard)).toBe("unconfirmed");

    setLanguage("ro");
    const html = render(Comparison, { props: { wizard, offers, retry: () => {}, requoteUnanswered: () => {} } }).body;
    expect(html).toContain("Emitere neconfirmată");
    expect(html).toContain("Verifică");
    expect(html).toContain("exact aceeași cerere");

    await offers.issues.verify("groupama-1");
    expect(fake.verifyCalls).toEqual(["groupama-1"]);
    expect(offers.issues.issued?.state.policy.series).toBe("GRP");
    expect(fake.issueCalls).toHaveLength(0);
  });

  it("reads the amount and date as the agent types them", () => {
    expect(wireAmount("1.234,56", "ro")).toBe("1234,56");
    expect(wireAmount("600", "ro")).toBe("600");
    expect(wireAmount("1,234.56", "en")).toBe("1234.56");
    expect(isoDay("2.12.2026")).toBe("2026-12-02");
    expect(isoDay("ieri")).toBe("ieri");
  });
});

describe("an issued draft", () => {
  it("is read-only, saves nothing, and copies into a new draft that can be changed", async () => {
    const fake = new FakeBackend();
    const { wizard, id } = await comparison(fake);
    fake.issues.set("groupama-1", {
      draftId: id, offerId: "groupama-1", insurer: "groupama",
      state: { state: "issued", policy: { series: "GRP", number: "100045", providerPolicyCode: null, startDate: null, endDate: null, premium: null, installments: [], payment: null } },
    });
    await wizard.openId(id);
    expect(wizard.issuedPolicy).toBe("GRP 100045");
    expect(wizard.readOnly).toBe(true);
    setLanguage("ro");
    const header = render(WizardHeader, { props: { wizard, go: () => {} } }).body;
    expect(header).toContain("Poliță emisă GRP 100045");
    expect(header).not.toContain("Ciornă salvată");
    await wizard.offers.open(id);
    const html = render(Comparison, { props: { wizard, offers: wizard.offers, retry: () => {}, requoteUnanswered: () => {} } }).body;
    expect(html).toContain("Descarcă polița (PDF)");
    expect(html).toContain("Copiază într-o ciornă nouă");
    // What the insurer's answer left out reads as unknown, never as blank.
    expect(html).toContain("nespecificat în răspuns");
    expect(html).not.toMatch(/<button[^>]*class="choose[^"]*"(?![^>]*disabled)[^>]*>/);
    const saves = fake.draftSaves.length;
    wizard.set("product.policyholder.lastName", "policyholder.lastName", "Popescu");
    await wizard.save();
    expect(wizard.draft!.policyholder.lastName).toBe("Ștefănescu");
    expect(fake.draftSaves.length).toBe(saves);
    expect(wizard.canQuote).toBe(false);

    expect(await wizard.copyToNewDraft()).toBe(true);
    expect(wizard.id).not.toBe(id);
    expect(wizard.readOnly).toBe(false);
    expect(wizard.step).toBe("policyholder");
    expect(wizard.draft!.policyholder.lastName).toBe("Ștefănescu");
  });
});

describe("documents", () => {
  it("download an offer PDF once at a time, then open the saved file with no download", async () => {
    const { fake, offers } = await comparison();
    const docs = offers.documents;
    const [a, b] = await Promise.all([docs.openOffer("groupama-1"), docs.openOffer("groupama-1")]);
    expect(a?.kind).toBe("offer");
    expect(b).toBeNull(); // the second press while the first ran sent nothing
    await docs.openOffer("groupama-1");
    expect(fake.downloads).toEqual(["offer:groupama-1"]);
    expect(fake.opened).toHaveLength(2);
    expect(docs.list.map((d) => d.kind)).toEqual(["offer"]);
  });

  it("keep a failure under its own button until it is pressed again", async () => {
    const { fake, offers } = await comparison();
    fake.documentFailure = { code: "storage", message: { code: "documentsFolderUnwritable", folder: "/ro", detail: "read-only" } };
    await offers.documents.openOffer("uniqa-1");
    expect(offers.documents.errorOf("offer:uniqa-1")).toEqual({ code: "documentsFolderUnwritable", folder: "/ro", detail: "read-only" });
    expect(offers.documents.errorOf("offer:groupama-1")).toBeNull();
    await offers.documents.openOffer("uniqa-1");
    expect(offers.documents.errorOf("offer:uniqa-1")).toBeNull();
  });
});

describe("the proposal", () => {
  it("ticks every unexpired offer in the comparison's order and words every part of the PDF", async () => {
    setLanguage("ro");
    const { fake, wizard, offers } = await comparison();
    const ticked = defaultTicked(offers.rows);
    expect(offers.rows.filter((r) => ticked.has(rowKey(r))).map((r) => r.offer.insurer)).toEqual(["groupama", "uniqa"]);
    const request = proposalRequest(offers.rows, ticked, "  Recomandăm Groupama. ", wizard.draft!);
    expect(request.offerIds).toEqual(["groupama-1", "uniqa-1"]);
    expect(request.vehicleName).toBe("Dacia Logan 2019");
    expect(request.recommendation).toBe("Recomandăm Groupama.");
    for (const [field, text] of Object.entries(request.wording)) {
      if (field !== "covers") expect(String(text).trim(), field).not.toBe("");
    }
    expect(request.wording.page).toBe("Pagina {page} din {pages}");
    expect(request.wording.covers.vehicle).toBe("Avarii și furt (acoperirea de bază)");
    expect(request.wording.covers.glass).toBe("Geamuri");
    setLanguage("en");
    expect(proposalWording().page).toBe("Page {page} of {pages}");
    setLanguage("ro");

    const doc = await offers.documents.makeProposal(request);
    expect(doc?.kind).toBe("proposal");
    expect(fake.proposals).toHaveLength(1);
  });
});
