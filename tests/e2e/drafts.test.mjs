// Ciorne as a work queue, in the real window: three open drafts, one of them quoted, listed with
// client, plate, vehicle, best premium and its last day; the search finds a client typed
// without diacritics and a plate typed without spaces; Enter opens a draft; Șterge (or Delete)
// removes one at once and Anulează brings it back; without Anulează it stays gone.
import assert from "node:assert/strict";
import { test } from "node:test";
import { capture, launch, scenario } from "./app.mjs";
import { complete, POPESCU, search as searchIn } from "./flows.mjs";
import { Key } from "./webdriver.mjs";
import { invoke } from "./wizard.mjs";

let app;
scenario(() => app);

/** Saves a new draft changed by `fill` and returns its id. */
async function seed(fill) {
  const draft = await invoke(app, "new_quote_draft");
  fill(draft);
  return invoke(app, "save_quote_draft", { id: null, draft });
}

/** A complete draft every sandbox insurer but Grawe (floor) can quote. */
const quotable = (draft) =>
  complete(draft, POPESCU, { address: { floor: "2" }, vehicle: { marketValue: "26300" }, leased: false });

const rows = () => app.exec("return [...document.querySelectorAll('#drafts-table tr.draft-row td.client')].map(td => td.textContent.trim());");

/** Types `text` into the search box as the agent would (the box is emptied first). */
const search = (text) => searchIn(app, "drafts-search", text);

test("Ciorne lists, finds, opens, deletes and brings back drafts", async () => {
  app = await launch();
  await app.waitFor("#conn-status.online", { timeout: 20000 });
  await seed((d) => {
    Object.assign(d.policyholder, { kind: "person", lastName: "Ștefănescu", firstName: "Ioana" });
    Object.assign(d.vehicle, { make: "volkswagen", model: "golf", plate: "B 123 XYZ" });
    d.step = "vehicle";
  });
  await seed((d) => {
    Object.assign(d.policyholder, { kind: "company", businessName: "TechCorp SRL" });
    Object.assign(d.vehicle, { make: "dacia", model: "duster", plate: "CJ 99 TEC" });
    d.step = "cover";
  });
  const quoted = await seed(quotable);
  await app.end();

  // The most recent draft is offered on start, at Verificare: Ctrl+Enter ("Cere oferte") opens
  // Oferte, which asks every insurer by itself once the vehicle is identified. Ciorne then has
  // a best offer to show.
  app = await launch();
  await (await app.waitFor("#resume-continue", { timeout: 20000 })).click();
  await app.waitFor("#quote-ask:not([disabled])", { timeout: 20000 });
  await app.exec("document.activeElement && document.activeElement.blur();");
  await app.chord(Key.Control, Key.Enter);
  await app.waitFor("#offers-table tr.offer-row", { timeout: 30000 });
  await app.waitGone("#offers-table tr.insurer-row[data-state=waiting]", 30000);
  const saved = await invoke(app, "saved_comparison", { draftId: quoted });
  const best = saved.outcomes
    .flatMap((o) => (o.state.kind === "offers" ? o.state.offers : []))
    .filter((o) => !o.expired)
    .reduce((a, b) => (Number(a.premiumRon) <= Number(b.premiumRon) ? a : b));

  // The queue: every draft with its plate, vehicle, and the quoted one's best premium and date.
  await (await app.find("#nav-drafts")).click();
  await app.waitFor("#drafts-table");
  assert.deepEqual((await rows()).sort(), ["Popescu Ion", "TechCorp SRL", "Ștefănescu Ioana"].sort());
  const line = await app.waitFor(`#draft-${quoted}`);
  const text = await line.text();
  assert.match(text, /CJ 12 ABC/);
  assert.match(text, /Dacia Logan/);
  const [whole, cents] = best.premiumRon.split(".");
  assert.ok(text.includes(`${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${cents} lei`), `best premium ${best.premiumRon} in: ${text}`);
  assert.ok(text.includes(best.expiryDate.split("-").reverse().join(".")), `valid until ${best.expiryDate} in: ${text}`);
  // Drafts never quoted say so in the premium column.
  assert.equal(
    await app.exec("return [...document.querySelectorAll('#drafts-table tr.draft-row td.best')].filter(td => td.textContent.includes('fără oferte')).length;"),
    2,
  );
  await capture(app, "44-drafts-queue");

  // The search: a name without its diacritics, a plate without its spaces, nothing for a stranger.
  await search("stefanescu");
  await app.waitUntil("return document.querySelectorAll('#drafts-table tr.draft-row').length === 1;", { what: "one match" });
  assert.deepEqual(await rows(), ["Ștefănescu Ioana"]);
  await search("cj99tec");
  await app.waitUntil("return document.querySelectorAll('#drafts-table tr.draft-row').length === 1;", { what: "one match" });
  assert.deepEqual(await rows(), ["TechCorp SRL"]);
  await search("ionescu");
  await app.waitFor("#drafts-no-match");
  await search("");
  await app.waitUntil("return document.querySelectorAll('#drafts-table tr.draft-row').length === 3;", { what: "every draft again" });

  // The keyboard: ↓ from the search enters the list, Enter opens the line.
  await search("techcorp");
  await app.keys(Key.Down);
  assert.equal(await app.exec("return document.activeElement.id;"), await app.exec("return document.querySelector('#drafts-table tr.draft-row').id;"));
  await app.keys(Key.Enter);
  await app.waitFor("#wizard-client", { text: "TechCorp SRL" });

  // Șterge removes at once; Anulează brings the draft back.
  await (await app.find("#nav-drafts")).click();
  await app.waitFor("#drafts-table");
  const techcorp = await app.exec("return [...document.querySelectorAll('#drafts-table tr.draft-row')].find(r => r.textContent.includes('TechCorp')).id;");
  await (await app.find(`#${techcorp}-delete`)).click();
  await app.waitFor("#drafts-undo-banner", { text: "TechCorp SRL" });
  assert.ok(!(await rows()).includes("TechCorp SRL"), "gone from the list at once");
  await capture(app, "45-drafts-deleted");
  await (await app.find("#drafts-undo")).click();
  await app.waitFor("#drafts-table", { text: "TechCorp SRL" });
  await app.waitGone("#drafts-undo-banner");

  // Delete on the selected line removes it; once the banner is gone, it stays gone.
  await (await app.find(`#${techcorp} td.client`)).click();
  await app.keys(Key.Delete);
  await app.waitFor("#drafts-undo-banner", { text: "TechCorp SRL" });
  await app.waitGone("#drafts-undo-banner", 15000);
  const open = await invoke(app, "list_quote_drafts");
  assert.deepEqual(open.map((d) => d.clientName).sort(), ["Popescu Ion", "Ștefănescu Ioana"].sort());
  // The draft open in Ofertă nouă was the one deleted: a fresh quote starts there.
  await (await app.find("#nav-newQuote")).click();
  await app.waitUntil("const c = document.getElementById('wizard-client'); return c && !c.textContent.includes('TechCorp');", {
    what: "a new quote in Ofertă nouă",
  });
});
