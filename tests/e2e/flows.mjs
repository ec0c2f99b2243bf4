// Steps several scenarios share: a whole quote saved through the app's own commands (as if the
// agent had typed it), typing into a list's search box, and where the offers' premiums are.
import assert from "node:assert/strict";
import { bucharestDay } from "./app.mjs";
import { invoke } from "./wizard.mjs";

/** Ion Popescu and his Dacia (Ciorne, Oferte). */
export const POPESCU = {
  holder: {
    taxId: "1800101221144", lastName: "Popescu", firstName: "Ion", gender: "m", birthdate: "01.01.1980",
    email: "ion.popescu@example.ro", licenceDate: "15.05.2000",
  },
  vehicle: { vin: "WVWZZZ1JZXW000001", plate: "CJ 12 ABC" },
};

/**
 * Fills `draft` (a new_quote_draft) as a whole quote, at Verificare: a person in Cluj-Napoca
 * with a 2019 Dacia Logan bought on leasing (a financial contract), class B0, deductibles of
 * 500 lei and 10 %. Each of `changes` ({ holder, address, vehicle, cover }) replaces what
 * differs, later ones last; one with `leased: false` leaves the leasing out.
 */
export function complete(draft, ...changes) {
  const part = (name) => Object.assign({}, ...changes.map((c) => c[name] ?? {}));
  const leased = changes.every((c) => c.leased !== false);
  Object.assign(draft.policyholder, { kind: "person", mobile: "0722123456" }, part("holder"));
  Object.assign(draft.policyholder.address, {
    country: "RO", countyCode: "CJ", countyName: "CLUJ", localitySiruta: "54984", localityName: "CLUJ-NAPOCA",
    street: "Strada Memorandumului", number: "28", floor: "3", postcode: "400114",
  }, part("address"));
  Object.assign(draft.vehicle, {
    category: "M1", make: "dacia", model: "logan", year: "2019", engineCc: "999", powerKw: "67", seats: "5",
    fuel: "petrol", marketValue: "9500", firstRegistration: "15.03.2019", civSeries: "J123456", mileage: "85000",
    ptiExpiry: bucharestDay(180), isLeased: leased,
  }, part("vehicle"));
  Object.assign(draft.cover, { bonusMalusClass: "B0", deductiblePartial: "500", deductibleTotalPercent: "10" });
  if (leased) Object.assign(draft.cover, { leasingContractType: "financial", leasingContractNumber: "RX123456" });
  Object.assign(draft.cover, part("cover"));
  draft.step = "review";
  return draft;
}

/**
 * Saves a new whole quote (`complete` with `changes`: one, or a list) once Rust's checks find no
 * field missing and, when `gaps` is given, exactly these insurer gaps ("insurer:path"); its id.
 */
export async function seedComplete(app, changes, { what = "the seeded draft", gaps } = {}) {
  const draft = complete(await invoke(app, "new_quote_draft"), ...[changes].flat());
  const check = await invoke(app, "validate_quote_draft", { draft });
  assert.deepEqual(check.fields, {}, `${what} must be complete`);
  if (gaps) assert.deepEqual(check.insurerGaps.map((g) => `${g.insurer}:${g.path}`), gaps);
  return invoke(app, "save_quote_draft", { id: null, draft });
}

/** Types `text` into the search box `id` as the agent would: emptied first, then typed (if anything). */
export async function search(app, id, text) {
  await app.exec(
    "const s = document.getElementById(arguments[0]); s.value = ''; s.dispatchEvent(new Event('input', { bubbles: true })); s.focus();",
    id,
  );
  if (text) await (await app.find(`#${id}`)).type(text);
}

/**
 * Offer lines whose premium is not fully on screen with the step scrolled to its top (and, with
 * `section`, the section too): above the step's scrolling body, under the fixed bottom bar, or
 * past the window's edges. Each as "insurer bottom/limit".
 */
export const premiumsOffScreen = (app, { section = false } = {}) =>
  app.exec(`
    const body = document.getElementById("step-body");
    if (body) body.scrollTop = 0;
    const main = arguments[0] && document.querySelector("main.content");
    if (main) main.scrollTop = 0;
    const bar = document.getElementById("wizard-bar");
    const top = body ? body.getBoundingClientRect().top : 0;
    const bottom = Math.min(window.innerHeight, bar ? bar.getBoundingClientRect().top : Infinity);
    return [...document.querySelectorAll("#offers-table tr.offer-row td.premium")].filter((td) => {
      const r = td.getBoundingClientRect();
      return r.top < top || r.bottom > bottom || r.left < 0 || r.right > window.innerWidth;
    }).map((td) => td.closest("tr").dataset.insurer + " " + Math.round(td.getBoundingClientRect().bottom) + "/" + Math.round(bottom));`, section);
