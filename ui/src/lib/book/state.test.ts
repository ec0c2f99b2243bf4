import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BookClient, ClientPage, HistoryEntry, RenewalLine } from "../backend";
import { emptyDraft, FakeBackend } from "../backend/fake";
import { setLanguage } from "../i18n/index.svelte";
import { say } from "../i18n/messages";
import { QuoteWizard } from "../wizard/state.svelte";
import { ClientBook } from "./clients.svelte";
import { HistoryView } from "./history.svelte";
import { openDraft, openNewDraft } from "./open";
import { Renewals } from "./renewals.svelte";

const client = (id: number, name: string): BookClient => ({
  id,
  card: { kind: "person", taxId: "2850315125792", name, phone: "0722123456", email: "", place: "CLUJ-NAPOCA, CLUJ" },
  vehicles: [{ id: 10 + id, card: { vin: "", plate: "CJ 34 TUT", make: "dacia", model: "logan", year: "2019" }, drafts: [1] }],
  drafts: [1],
  updatedAt: "2026-12-02T10:00:00Z",
});

/** A saved draft for "Ștefănescu Țuțu-Ioana", its id. */
async function savedDraft(fake: FakeBackend): Promise<number> {
  const d = emptyDraft();
  Object.assign(d.policyholder, { lastName: "Ștefănescu", firstName: "Țuțu-Ioana", taxId: "2850315125792" });
  Object.assign(d.vehicle, { plate: "CJ 34 TUT", make: "dacia", model: "logan" });
  d.step = "review";
  return (await fake.saveQuoteDraft(null, d))!;
}

let fake: FakeBackend;
let wizard: QuoteWizard;

beforeEach(async () => {
  vi.useFakeTimers();
  setLanguage("ro");
  fake = new FakeBackend();
  wizard = new QuoteWizard(fake);
  await wizard.startNew();
});
afterEach(() => vi.useRealTimers());

describe("ClientBook", () => {
  it("searches after a short pause, once for a burst of keystrokes, and selects the first client", async () => {
    const book = new ClientBook(fake, 60);
    fake.book.clients = [client(1, "Ștefănescu Țuțu-Ioana"), client(2, "Popescu Ion")];
    book.type("s");
    book.type("st");
    book.type("stefanescu tutu");
    expect(fake.book.searches).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    expect(fake.book.searches).toEqual(["stefanescu tutu"]);
    expect(book.results?.map((c) => c.id)).toEqual([1, 2]);
    expect(book.current?.id).toBe(1);
    book.move(1);
    expect(book.current?.id).toBe(2);
    book.move(5);
    expect(book.current?.id).toBe(2);
  });

  it("never lets an older answer replace a newer one", async () => {
    const book = new ClientBook(fake, 0);
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    fake.book.answer = (q) => [client(q === "pop" ? 2 : 1, q)];
    const search = fake.searchClients.bind(fake);
    fake.searchClients = async (q) => {
      if (q === "ste") await slow;
      return search(q);
    };
    book.query = "ste";
    const first = book.search();
    book.query = "pop";
    await book.search();
    release();
    await first;
    expect(book.results?.map((c) => c.id)).toEqual([2]);
  });

  it("opens a client's page, and says so when the client is gone", async () => {
    const book = new ClientBook(fake, 0);
    const page: ClientPage = { client: client(1, "Ștefănescu Țuțu-Ioana"), drafts: [], policies: [], documents: [] };
    fake.book.pages.set(1, page);
    await book.openPage(1);
    expect(book.page?.client.card.name).toBe("Ștefănescu Țuțu-Ioana");
    await book.openPage(9);
    expect(book.page).toBeNull();
    expect(say(book.pageError!)).toBe("Clientul nu mai este în lista de clienți.");
    book.closePage();
    expect(book.pageId).toBeNull();
  });

  it("opens the draft Recotează makes in the wizard at step 1, one press at a time", async () => {
    const book = new ClientBook(fake, 0);
    const from = await savedDraft(fake);
    fake.book.draftFor = (call) => (call.command === "requoteVehicle" ? structuredClone(fake.drafts.get(from)!.draft) : null);
    const press = () => book.run("vehicle:11", () => openNewDraft(wizard, () => fake.requoteVehicle(1, 11)));
    const [first, second] = await Promise.all([press(), press()]);
    expect([first, second]).toEqual([true, false]);
    expect(fake.book.calls).toEqual([{ command: "requoteVehicle", clientId: 1, vehicleId: 11 }]);
    expect(wizard.id).not.toBe(from);
    expect(wizard.step).toBe("policyholder");
    expect(wizard.draft?.policyholder.lastName).toBe("Ștefănescu");
    expect(wizard.draft?.vehicle.plate).toBe("CJ 34 TUT");
  });

  it("says why when the book has nothing to start from", async () => {
    const book = new ClientBook(fake, 0);
    expect(await book.run("new", () => openNewDraft(wizard, () => fake.newDraftForClient(1)))).toBe(false);
    expect(say(book.actionError!)).toBe("Nu există o ciornă salvată din care să se preia datele.");
  });
});

describe("openDraft", () => {
  it("reopens a past draft at Oferte from its saved comparison, with no quote asked", async () => {
    const id = await savedDraft(fake);
    expect(await openDraft(wizard, id, "offers")).toBeNull();
    expect(wizard.id).toBe(id);
    expect(wizard.step).toBe("offers");
    expect(fake.quoteCalls).toEqual([]);
  });

  it("says a deleted draft can be copied instead", async () => {
    const id = await savedDraft(fake);
    await fake.discardQuoteDraft(id);
    expect(say((await openDraft(wizard, id))!)).toMatch(/^Ciorna nu mai este deschisă/);
  });
});

describe("HistoryView", () => {
  const entry: HistoryEntry = {
    kind: "comparison", at: "2026-12-02T10:00:00Z", draftId: 1, clientId: 1, clientName: "Ștefănescu Țuțu-Ioana",
    insurer: null, state: null, amount: null, label: "1", offerId: null, documentId: null,
  };
  const offer: HistoryEntry = { ...entry, kind: "offer", insurer: "asirom", state: "valid", label: "1040", offerId: "1040" };

  it("reads again a little after the filters change, leaving out a date it cannot read", async () => {
    const view = new HistoryView(fake, 150);
    fake.book.entries = [entry, offer];
    view.form.query = "stef";
    view.form.from = "31.02.2026";
    view.form.kind = "comparison";
    view.changed();
    view.changed();
    await vi.advanceTimersByTimeAsync(150);
    expect(fake.book.filters).toEqual([{ from: null, to: null, insurer: null, kinds: ["comparison"], state: null, query: "stef" }]);
    expect(view.invalid).toEqual(["from"]);
    view.clear();
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.book.filters.at(-1)).toEqual({ from: null, to: null, insurer: null, kinds: [], state: null, query: "" });
  });

  it("folds a comparison's offers until asked, and moves through what is shown", async () => {
    const view = new HistoryView(fake, 0);
    fake.book.entries = [entry, offer];
    await view.load();
    expect(view.rows.length).toBe(1);
    expect(view.visible.map((e) => e.kind)).toEqual(["comparison"]);
    view.toggle(entry);
    expect(view.visible.map((e) => e.kind)).toEqual(["comparison", "offer"]);
    view.move(1);
    expect(view.current?.kind).toBe("offer");
    view.toggle(entry);
    expect(view.current?.kind).toBe("comparison");
  });

  it("names insurers from the catalogue, and keeps a key it does not know", async () => {
    const view = new HistoryView(fake, 0);
    await view.insurers.load();
    expect(view.insurers.name("groupama")).toBe("Groupama");
    expect(view.insurers.name("asirom")).toBe("asirom");
  });
});

describe("Renewals", () => {
  const due: RenewalLine = {
    clientId: 1, clientName: "Ștefănescu Țuțu-Ioana", vehicle: "CJ 34 TUT · dacia logan", daysLeft: 20,
    line: {
      draftId: 1, offerId: "1040", insurer: "asirom", vehicleId: 11, renewedBy: null,
      policy: { series: "ASR", number: "100045", providerPolicyCode: null, startDate: "2026-12-03", endDate: "2026-12-22", premium: null, installments: [], payment: null },
    },
  };

  it("counts the policies due, and opens a renewal draft at step 1", async () => {
    const renewals = new Renewals(fake);
    expect(renewals.count).toBe(0);
    fake.book.due = [due];
    await renewals.refresh();
    expect(renewals.count).toBe(1);
    const from = await savedDraft(fake);
    fake.book.draftFor = (call) => {
      if (call.command !== "requoteRenewal") return null;
      const d = structuredClone(fake.drafts.get(from)!.draft);
      Object.assign(d.cover, { renewalSeries: "ASR", renewalNumber: "100045" });
      return d;
    };
    expect(await renewals.run("1040", () => openNewDraft(wizard, () => fake.requoteRenewal("1040")))).toBe(true);
    expect(fake.book.calls).toEqual([{ command: "requoteRenewal", offerId: "1040" }]);
    expect(wizard.draft?.cover.renewalSeries).toBe("ASR");
    expect(wizard.step).toBe("policyholder");
  });
});
