// A foreign policyholder: the switch brings nationality and citizenship, picked by keyboard from
// the countries list (the payload carries the ISO code).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { freshData, launch, pick } from "./app.mjs";
import { invoke, shot } from "./wizard.mjs";

let app;
before(() => freshData());
after(() => app?.end());

async function pickCountry(id, typed, shown) {
  const input = await pick(app, id, typed);
  assert.equal(await input.property("value"), shown);
}

test("nationality and citizenship come from the countries list", async () => {
  app = await launch();
  // Demo downloads the lists on first start; the countries picker needs them.
  await app.poll(
    async () => (await invoke(app, "search_countries", { query: "grec" }).catch(() => [])).length > 0,
    120000,
    () => "the countries list downloaded",
  );
  await (await app.find("#nav-newQuote")).click();
  await (await app.waitFor("#f-product-policyholder-isForeignPerson")).click();
  await pickCountry("#f-product-policyholder-nationality", "grec", "GRECIA (GR)");
  await pickCountry("#f-product-policyholder-citizenship", "grec", "GRECIA (GR)");
  // Once picked, the fields are no longer reported as missing.
  await app.waitGone("#f-product-policyholder-nationality-error");
  await app.waitGone("#f-product-policyholder-citizenship-error");
  await shot(app, "42-wizard-foreign-person");
});
