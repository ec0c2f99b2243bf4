import { beforeEach, describe, expect, it } from "vitest";
import type { AppError } from "../backend";
import { FakeBackend } from "../backend/fake";
import { language, setLanguage } from "../i18n/index.svelte";
import { say } from "../i18n/messages";
import { SettingsForm } from "./form.svelte";

const badEmail = {
  code: "validation",
  message: { code: "fixHighlighted" },
  fields: { "agency.email": [{ code: "invalidEmail" }] },
} satisfies AppError;

describe("SettingsForm", () => {
  let fake: FakeBackend;
  let form: SettingsForm;

  beforeEach(async () => {
    setLanguage("ro");
    fake = new FakeBackend();
    fake.reject = (s) => (s.agency.email.includes("@") || s.agency.email === "" ? null : badEmail);
    form = new SettingsForm(fake);
    await form.load();
  });

  it("loads the stored settings and starts clean", () => {
    expect(form.saved?.environment.kind).toBe("demo");
    expect(form.dirty).toBe(false);
  });

  it("keeps what was typed and shows the field message when a save is refused", async () => {
    form.draft.agency.name = "Broker Asig SRL";
    form.draft.agency.email = "office-broker.ro";
    expect(form.dirty).toBe(true);
    expect(await form.save()).toBe(false);
    expect(form.errors["agency.email"]).toEqual([{ code: "invalidEmail" }]);
    expect(form.notice).toEqual({ code: "fixHighlighted" });
    expect(say(form.notice!)).toBe("Corectați câmpurile marcate; nimic nu a fost salvat.");
    expect(form.draft.agency.name).toBe("Broker Asig SRL");
    expect(form.draft.agency.email).toBe("office-broker.ro");
    expect(fake.stored.agency.name).toBe("");
  });

  it("saves after the field is fixed and forgets the message", async () => {
    form.draft.agency.email = "office-broker.ro";
    await form.save();
    form.clearError("agency.email");
    expect(form.errors["agency.email"]).toBeUndefined();
    form.draft.agency.email = "office@broker.ro";
    expect(await form.save()).toBe(true);
    expect(fake.stored.agency.email).toBe("office@broker.ro");
    expect(form.dirty).toBe(false);
    expect(form.savedAt).not.toBeNull();
  });

  it("words a refusal in the language chosen after it", async () => {
    form.draft.agency.email = "office-broker.ro";
    await form.save();
    await form.chooseLanguage("en");
    expect(say(form.notice!)).toBe("Fix the highlighted fields; nothing was saved.");
  });

  it("says why the settings could not be read, in the language in force", async () => {
    fake.getSettings = async () => {
      throw new Error("disk gone");
    };
    const f = new SettingsForm(fake);
    await f.load();
    expect(say(f.notice!)).toBe("Setările nu au putut fi citite: A apărut o eroare neașteptată: disk gone");
  });

  it("applies a language at once without saving other pending edits", async () => {
    form.draft.agency.name = "Nesalvat";
    await form.chooseLanguage("en");
    expect(language()).toBe("en");
    expect(fake.stored.language).toBe("en");
    expect(fake.stored.agency.name).toBe("");
    expect(form.draft.agency.name).toBe("Nesalvat");
    expect(form.dirty).toBe(true);
  });

  it("reverts the draft to the saved settings", () => {
    form.draft.defaults.installments = 4;
    form.revert();
    expect(form.draft.defaults.installments).toBe(1);
    expect(form.dirty).toBe(false);
  });

  it("puts a chosen logo in the draft and can remove it", async () => {
    fake.nextPickedLogo = { file: "agency-logo-1.png", dataUrl: "data:image/png;base64,AA==" };
    await form.chooseLogo();
    expect(form.draft.agency.logoFile).toBe("agency-logo-1.png");
    expect(form.logoPreview).toBe("data:image/png;base64,AA==");
    form.removeLogo();
    expect(form.draft.agency.logoFile).toBeNull();
  });

  it("says so when the saved logo file is gone", async () => {
    fake.stored.agency.logoFile = "agency-logo-gone.png";
    const f = new SettingsForm(fake);
    await f.load();
    expect(f.logoMissing).toBe(true);
  });

  it("keeps Reînnoiri's window at 45 days by default and saves a new one", async () => {
    expect(form.draft.renewals.windowDays).toBe(45);
    form.draft.renewals.windowDays = 30;
    expect(await form.save()).toBe(true);
    expect(fake.stored.renewals.windowDays).toBe(30);
  });

  it("refuses an empty window under its field, sending nothing", async () => {
    const saves = fake.saves.length;
    // What a cleared number box binds: null.
    form.draft.renewals.windowDays = null as unknown as number;
    expect(await form.save()).toBe(false);
    expect(fake.saves.length).toBe(saves);
    expect(form.errors["renewals.windowDays"]).toEqual([{ code: "notNumber" }]);
    expect(say(form.errors["renewals.windowDays"]![0]!)).toBe("Introduceți un număr.");
    form.clearError("renewals.windowDays");
    form.draft.renewals.windowDays = 60;
    expect(await form.save()).toBe(true);
  });

  it("shows Rust's range message under the window field", async () => {
    fake.reject = (s) =>
      s.renewals.windowDays > 365
        ? { code: "validation", message: { code: "fixHighlighted" }, fields: { "renewals.windowDays": [{ code: "outOfRange", min: "1", max: "365" }] } }
        : null;
    form.draft.renewals.windowDays = 400;
    expect(await form.save()).toBe(false);
    expect(say(form.errors["renewals.windowDays"]![0]!)).toBe("Valoarea trebuie să fie între 1 și 365.");
    expect(form.draft.renewals.windowDays).toBe(400);
  });
});
