// Issue 4 in the real window: the first login on an environment downloads every list; county
// and locality are picked by keyboard from the local store; with the API stopped the offline
// indicator shows and the same search still answers.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { capture, freshData, launch, pick, useCustomEnvironment } from "./app.mjs";
import { startSandbox } from "./sandbox.mjs";

let app;
let sandbox;
before(async () => {
  freshData();
  sandbox = await startSandbox();
});
after(async () => {
  await app?.end();
  sandbox?.stop();
});

async function chooseClujNapoca() {
  await pick(app, "#lookup-county", "cluj");
  assert.equal(await (await app.find("#lookup-county")).property("value"), "CLUJ");
  await pick(app, "#lookup-locality", "cluj nap");
  await app.waitFor("#lookup-chosen-locality", { text: "CLUJ-NAPOCA" });
}

test("pick CLUJ → CLUJ-NAPOCA by keyboard, online and then offline", async () => {
  app = await launch();
  await useCustomEnvironment(app, sandbox.url);
  await (await app.waitFor("#login-account")).replace("demo");
  await (await app.find("#login-password")).type("demo\uE007");
  await app.waitFor("#conn-status", { text: "Conectat: demo" });

  // The first login on this environment downloads every list, with progress.
  await (await app.find("#tab-reference")).click();
  // Counts grouped the same way in every webview (format.ts), not by the webview's ICU.
  await app.waitFor("#reference-localities", { text: "13.755", timeout: 120000 });
  await app.waitFor("#reference-counties", { text: "42" });
  await app.waitFor("#net-status", { text: "Online" });
  await capture(app, "20-reference-synced");

  // 1–2. CLUJ, then "cluj nap" → CLUJ-NAPOCA, all by keyboard.
  await chooseClujNapoca();
  await capture(app, "21-lookup-online");

  // 3. The API goes away: offline indicator, and the same search answers from the store.
  sandbox.stop();
  // One indicator, offline in grey: the session is named by its account, not called connected.
  await app.waitFor("#conn-status.tone-neutral", { text: "Fără conexiune · cont demo", timeout: 20000 });
  const indicator = await (await app.find("#conn-status")).text();
  assert.ok(!indicator.includes("Conectat") && !indicator.includes("Online"), `contradicting status: ${indicator}`);
  await app.waitFor("#offline-banner", { text: "datele salvate pe" });
  await (await app.find("#nav-newQuote")).click();
  await (await app.find("#nav-settings")).click();
  await (await app.waitFor("#tab-reference")).click();
  await chooseClujNapoca();
  await capture(app, "22-lookup-offline");
});
