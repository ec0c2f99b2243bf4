// Issue 14 in the real window, Demo, with the sandbox giving every offer 20 days of cover
// (policyDays) and logging each request and what each quote asked to renew (requestLog):
// 1. two clients quoted from Ciorne;
// 2. Clienți finds one by a name typed without diacritics and by a plate typed without spaces;
// 3. their page, then Recotează on the vehicle: the wizard opens a new draft at step 1 with the
//    holder and the vehicle filled in (read from the real form);
// 4. Istoric reopens the comparison at Oferte with no request to the sandbox; the offer is
//    issued; the policy, ending in 20 days, is in Reînnoiri with its count on the navigation;
//    Recotează pentru reînnoire opens a draft with renewPolicy set, and its quote carries
//    product.motor.renewPolicy with the old series and number (the sandbox's log says so);
//    once the renewal is issued the old policy reads Reînnoită on the client's page;
// 5. Istoric's filters and search, an issued draft reopened read-only, Copiază și recotează.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { bucharestDay, capture, launch, press, reveal, scenario } from "./app.mjs";
import { search, seedComplete } from "./flows.mjs";
import { requestCount } from "./sandbox.mjs";
import { Key } from "./webdriver.mjs";
import { id, invoke, valueOf } from "./wizard.mjs";

let app;
scenario(() => app);

const P = "product.policyholder";
const V = "product.vehicle";
const M = "product.motor";
const IOANA = { name: "Ștefănescu Țuțu-Ioana", cnp: "2850315125792", plate: "CJ 34 TUT", vin: "UU1LSDAAG12345678" };
const ION = { name: "Popescu Ion", cnp: "1800101221144", plate: "B 123 POP", vin: "WVWZZZ1JZXW000001" };
const REQUESTS = join(process.env.CASCO_TMP, "clients-requests.log");
const CONFIG = join(process.env.CASCO_TMP, "clients-sandbox.json");
writeFileSync(CONFIG, JSON.stringify({ policyDays: 20, requestLog: REQUESTS }));

const log = () => (existsSync(REQUESTS) ? readFileSync(REQUESTS, "utf8") : "");
/** Requests the sandbox received on `route`. */
const requests = (route) => requestCount(REQUESTS, route);
/** What each quote the sandbox received asked to renew (null: nothing). */
const renewed = () => [...log().matchAll(/"renewPolicy"\s*:\s*(null|\{[^}]*\})/g)].map((m) => JSON.parse(m[1]));

/** A complete draft every sandbox insurer quotes, for `who`; its id. */
function seed(who, [lastName, firstName], gender) {
  const birthdate = `${who.cnp.slice(5, 7)}.${who.cnp.slice(3, 5)}.19${who.cnp.slice(1, 3)}`;
  const holder = { taxId: who.cnp, lastName, firstName, gender, birthdate, email: "client@example.ro", licenceDate: "15.05.2005" };
  return seedComplete(app, { holder, vehicle: { vin: who.vin, plate: who.plate } }, { what: `${lastName}'s seeded draft` });
}

/** Every insurer quoted from the wizard's Oferte step, until every line has answered. */
async function quoteAll() {
  await press(app, "#step-offers");
  await press(app, "#offers-ask:not([disabled])", 30000);
  await app.waitUntil("return document.querySelectorAll('#offers-table tr.offer-row').length >= 8;", { timeout: 30000, what: "the offers" });
  await app.waitGone("#offers-table tr.insurer-row[data-state=waiting]", 30000);
  await app.waitGone("#offers-table tr.offer-row[data-stale]", 30000);
}

/** The first offer of the comparison on screen: insurer and offer id. */
const firstOffer = () =>
  app.exec(`const r = document.querySelector('#offers-table tr.offer-row');
    return { insurer: r.dataset.insurer, offerId: r.dataset.key.slice(r.dataset.insurer.length + 1) };`);

/** Chooses the first offer and issues it with POS; the policy's series and number. */
async function issueFirst() {
  const first = await firstOffer();
  await press(app, `#offers-table tr.offer-row[data-insurer='${first.insurer}'] button.choose`);
  await app.waitFor("#chosen-note");
  await press(app, "#issue-open:not([disabled])");
  await app.waitFor("#issue-dialog #pay-method");
  await press(app, "#issue-continue");
  await app.waitFor("#issue-summary");
  await press(app, "#issue-confirm");
  const text = await (await app.waitFor("#issue-policy", { timeout: 60000 })).text();
  const [, series, number] = /^Seria (\S+) nr\. (\S+)/.exec(text);
  await press(app, "#issue-close");
  await app.waitGone("#issue-dialog");
  return { ...first, series, number };
}

const clientRows = () => app.exec("return [...document.querySelectorAll('#clients-table tr.client-row td.name')].map((td) => td.textContent.trim());");

async function clientsFound(text, names) {
  await search(app, "clients-search", text);
  await app.poll(async () => JSON.stringify(await clientRows()) === JSON.stringify(names), 5000, async () => `"${text}" finds ${names} (shown: ${await clientRows()})`);
}

const shot = (name) => capture(app, name);
let drafts;
let policy;

test("1. two clients are quoted; Reînnoiri is empty and says its window", async () => {
  app = await launch(["--demo-sandbox-config", CONFIG]);
  await app.waitFor("#conn-status.online", { timeout: 20000 });
  drafts = { ioana: await seed(IOANA, ["Ștefănescu", "Țuțu-Ioana"], "f"), ion: await seed(ION, ["Popescu", "Ion"], "m") };
  for (const draftId of [drafts.ioana, drafts.ion]) {
    await press(app, "#nav-drafts");
    await press(app, `#draft-${draftId}-open`);
    await quoteAll();
  }
  await press(app, "#nav-renewals");
  await app.waitFor("#renewals-empty", { text: "Nicio poliță nu expiră în următoarele 45 de zile." });
  assert.equal(await app.exec("return document.getElementById('nav-renewals-count');"), null, "no count while nothing is due");
});

test("2. Clienți finds a client by a name without diacritics and by a plate without spaces", async () => {
  await press(app, "#nav-clients");
  await app.waitFor("#clients-table");
  assert.equal(await app.exec("return document.activeElement.id;"), "clients-search", "the search box is focused on open");
  assert.deepEqual((await clientRows()).sort(), [ION.name, IOANA.name].sort(), "the latest clients before anything is typed");
  await clientsFound("stefanescu tutu", [IOANA.name]);
  // Enter in the box opens the client found; Esc comes back to the search as it was.
  await app.keys(Key.Enter);
  await app.waitFor("#client-page h1", { text: IOANA.name });
  await app.keys(Key.Escape);
  await app.waitFor("#clients-table");
  assert.equal(await (await app.find("#clients-search")).property("value"), "stefanescu tutu");
  assert.equal(await app.exec("return document.activeElement.id;"), "clients-search");
  await clientsFound("CJ34TUT", [IOANA.name]);
  const row = await app.exec("const r = document.querySelector('#clients-table tr.client-row'); return [r.querySelector('.taxid').textContent, r.querySelector('.plates').textContent.trim()];");
  assert.deepEqual(row, [IOANA.cnp, IOANA.plate]);
  await shot("70-clients-search");
  // ↓ from the search box enters the list; Enter opens the page.
  await app.keys(Key.Down);
  await app.waitUntil("return document.activeElement?.classList.contains('client-row');", { what: "the first client focused" });
  await app.keys(Key.Enter);
  await app.waitFor("#client-page h1", { text: IOANA.name });
});

test("3. Recotează on the client's vehicle opens a new draft with the holder and the vehicle filled in", async () => {
  await app.waitFor("#client-vehicles tr[data-vehicle]", { text: IOANA.plate });
  await app.waitFor("#client-drafts tr[data-draft]");
  await app.waitFor("#client-taxid", { text: IOANA.cnp });
  await shot("71-client-page");
  const before = (await invoke(app, "list_quote_drafts")).length;
  await press(app, "#client-vehicles tr[data-vehicle] button.requote");
  await app.waitFor(id(`${P}.taxId`));
  assert.equal(await valueOf(app, `${P}.taxId`), IOANA.cnp);
  assert.equal(await valueOf(app, `${P}.lastName`), "Ștefănescu");
  assert.equal(await valueOf(app, `${P}.firstName`), "Țuțu-Ioana");
  assert.equal((await invoke(app, "list_quote_drafts")).length, before + 1, "a new draft, the old one kept");
  await app.waitFor("#wizard-plate", { text: IOANA.plate });
  await press(app, "#step-vehicle");
  await app.waitFor(id(`${V}.vin`));
  assert.equal(await valueOf(app, `${V}.vin`), IOANA.vin);
  assert.equal(await valueOf(app, `${V}.licensePlate`), IOANA.plate);
  assert.equal(await valueOf(app, `${V}.brand`), "Dacia");
  // No policy yet: the cover starts tomorrow.
  await press(app, "#step-cover");
  await app.waitFor(id(`${M}.startDate`));
  assert.equal(await valueOf(app, `${M}.startDate`), bucharestDay(1));
});

test("4. a policy ending in 20 days is in Reînnoiri; its renewal's quote carries renewPolicy", async () => {
  // Istoric reopens Ștefănescu's comparison at Oferte from what was saved: no request.
  await press(app, "#nav-history");
  await app.waitFor("#history-table");
  const quotes = requests("quote");
  const identifications = requests("vehicle_identification");
  await press(app, `#history-table tr.entry-row[data-kind=comparison][data-draft='${drafts.ioana}'] button.open`);
  await app.waitUntil("return document.querySelectorAll('#offers-table tr.offer-row').length >= 8;", { what: "the saved offers" });
  await app.waitFor("#offers-table tr.offer-row button.choose:not([disabled])");
  assert.equal(requests("quote"), quotes, "reopening asked no insurer");
  assert.equal(requests("vehicle_identification"), identifications, "nor identified the vehicle again");

  policy = await issueFirst();
  await app.waitFor("#nav-renewals-count", { text: "1", timeout: 10000 });
  await press(app, "#nav-renewals");
  const row = `#renewals-table tr.renewal-row[data-offer='${policy.offerId}']`;
  await app.waitFor(row, { text: IOANA.name });
  await app.waitFor(`${row} .days-left[data-days='20']`, { text: "peste 20 de zile" });
  await app.waitFor(row, { text: bucharestDay(20) });
  await app.waitFor(row, { text: `${policy.series} ${policy.number}` });
  await app.waitFor(row, { text: "Dacia Logan" });
  await shot("73-renewals");

  await press(app, `${row} button.renew`);
  await app.waitFor(id(`${P}.taxId`));
  assert.equal(await valueOf(app, `${P}.lastName`), "Ștefănescu");
  await press(app, "#step-cover");
  await app.waitFor(id(`${M}.renewPolicy.series`));
  assert.equal(await valueOf(app, `${M}.renewPolicy.series`), policy.series);
  assert.equal(await valueOf(app, `${M}.renewPolicy.number`), policy.number);
  assert.equal(await valueOf(app, `${M}.startDate`), bucharestDay(21), "the day after the old policy ends");
  const asked = renewed().length;
  await quoteAll();
  const sent = renewed().slice(asked);
  assert.ok(sent.length >= 8, `every insurer's quote logged (${sent.length})`);
  for (const renew of sent) {
    assert.deepEqual([renew?.series, String(renew?.number)], [policy.series, policy.number], "product.motor.renewPolicy");
  }

  // Issued, the renewal marks the old policy Reînnoită; the new one (20 days too) is what is due.
  const next = await issueFirst();
  await press(app, "#nav-renewals");
  await app.waitFor(`#renewals-table tr.renewal-row[data-offer='${next.offerId}']`);
  await app.waitGone(row);
  // Clienți comes back on the client's page the agent left it at.
  await press(app, "#nav-clients");
  await app.waitFor("#client-page h1", { text: IOANA.name });
  await app.waitFor(`#client-policies tr[data-offer='${policy.offerId}'] .renewed`, { text: "Reînnoită" });
  await shot("71-client-page-renewed");
  await press(app, "#client-back");
});

test("5. Istoric filters, reopens an issued draft read-only, and copies a past draft", async () => {
  await press(app, "#nav-history");
  await app.waitFor("#history-table");
  await shot("72-history");
  // A comparison's offers unfold with → on its line.
  const comparison = `#history-table tr.entry-row[data-kind=comparison][data-draft='${drafts.ioana}']`;
  await (await app.find(`${comparison} td.when`)).click();
  await app.keys(Key.Right);
  await app.waitUntil(`return document.querySelectorAll("#history-table tr.entry-row.sub[data-draft='${drafts.ioana}']").length >= 8;`, { what: "the offers unfolded" });
  await shot("74-history-unfolded");
  await app.keys(Key.Left);
  await app.waitGone(`#history-table tr.entry-row.sub[data-draft='${drafts.ioana}']`);
  // Kind: policies only.
  await app.exec("const s = document.getElementById('history-kind'); s.value = 'policy'; s.dispatchEvent(new Event('change', { bubbles: true }));");
  await app.waitUntil("const k = [...document.querySelectorAll('#history-table tr.entry-row')].map((r) => r.dataset.kind); return k.length === 2 && k.every((x) => x === 'policy');", { what: "two policies" });
  await app.waitFor("#history-table tr.entry-row .state-chip", { text: "Emisă" });
  // The same search as Clienți: Popescu has no policy.
  await (await app.find("#history-search")).type("popescu");
  await app.waitFor("#history-empty", { text: "Nimic nu se potrivește" });
  await press(app, "#history-clear");
  await app.waitFor("#history-table");
  // Period: nothing happened from tomorrow on; a date that is not one is marked and left out.
  const from = await app.find("#history-from");
  await from.click();
  await from.type(bucharestDay(1));
  await app.keys(Key.Enter);
  await app.waitFor("#history-empty");
  await from.replace("31.02.2026");
  await app.keys(Key.Enter);
  await app.waitFor("#history-date-error", { text: "zz.ll.aaaa" });
  await app.waitFor("#history-table");
  await press(app, "#history-clear");
  await app.waitGone("#history-date-error");

  // The first policy's draft reopens read-only.
  await press(app, `#history-table tr.entry-row[data-kind=policy][data-draft='${drafts.ioana}'] button.open`);
  await app.waitFor("#issued-policy-number", { text: `${policy.series} ${policy.number}` });
  await press(app, "#step-policyholder");
  await app.waitFor("#readonly-banner");
  assert.equal(await app.exec(`return document.getElementById('${id(`${P}.lastName`).slice(1)}').matches(':disabled');`), true);

  // Copiază și recotează on Popescu's comparison: a new draft at step 1 with his data.
  await press(app, "#nav-history");
  await press(app, `#history-table tr.entry-row[data-kind=comparison][data-draft='${drafts.ion}'] button.copy`);
  await app.waitFor(id(`${P}.lastName`));
  assert.equal(await valueOf(app, `${P}.lastName`), "Popescu");
  await app.waitGone("#readonly-banner");
  await app.waitFor("#wizard-plate", { text: ION.plate });
});

test("6. Setări → Reînnoiri: zile înainte de expirare refuses 0 under the field; a shorter window empties Reînnoiri", async () => {
  await press(app, "#nav-settings");
  const field = await reveal(app, "#renewals-window");
  assert.equal(await field.property("value"), "45");
  await field.replace("0");
  await press(app, "#settings-save");
  await app.waitFor("#renewals-window-error", { text: "Valoarea trebuie să fie între 1 și 365." });
  await reveal(app, "#renewals-window");
  await shot("75-settings-renewals-error");
  await (await app.find("#renewals-window")).replace("10");
  await press(app, "#settings-save");
  await app.waitFor("#settings-status", { text: "Salvat" });
  await app.waitGone("#nav-renewals-count");
  await press(app, "#nav-renewals");
  await app.waitFor("#renewals-empty", { text: "Nicio poliță nu expiră în următoarele 10 zile." });
});
