// Issue 2's first real scenario: Setări, English switch, a refused e-mail, a fix, a restart.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { freshData, launch, restart, settingsFile, SHOTS } from "./app.mjs";

let app;
before(() => freshData());
after(() => app?.end());

test("settings survive a restart and an invalid e-mail never reaches the file", async () => {
  app = await launch();
  assert.equal(await (await app.find("#nav-newQuote")).text(), "Ofertă nouă");
  await app.screenshot(`${SHOTS}/01-frame-ro.png`);

  // 1. Open Setări.
  await (await app.find("#nav-settings")).click();
  await app.waitFor("#section-title", { text: "Setări" });

  // 2. Switch the language to English: applied and saved at once.
  await (await app.find("#language option[value='en']")).click();
  await app.waitFor("#nav-settings", { text: "Settings" });
  await app.waitFor("#section-title", { text: "Settings" });
  assert.equal(settingsFile()?.language, "en");

  // 3. Agency name and an invalid e-mail: the message appears under the field.
  await (await app.find("#agency-name")).replace("Broker Asigurări Ștefănescu SRL");
  await (await app.find("#agency-email")).replace("office-at-broker");
  await (await app.find("#settings-save")).click();
  const error = await app.waitFor("#agency-email-error");
  assert.match(await error.text(), /e-mail address is not valid/);
  await app.screenshot(`${SHOTS}/02-settings-invalid-email.png`);
  // Nothing invalid was written: the file still holds the last valid settings.
  const afterRefusal = settingsFile();
  assert.equal(afterRefusal.language, "en");
  assert.equal(afterRefusal.agency.email, "");
  assert.equal(afterRefusal.agency.name, "");
  // What was typed is still there.
  assert.equal(await (await app.find("#agency-name")).property("value"), "Broker Asigurări Ștefănescu SRL");

  // 4. Fix the e-mail and save.
  await (await app.find("#agency-email")).replace("office@broker-stefanescu.ro");
  await app.waitGone("#agency-email-error");
  await (await app.find("#settings-save")).click();
  await app.waitFor("#settings-status", { text: "Saved at" });
  assert.equal(settingsFile().agency.email, "office@broker-stefanescu.ro");
  await app.screenshot(`${SHOTS}/03-settings-saved.png`);

  // 5. Restart: everything kept.
  app = await restart(app);
  await app.waitFor("#nav-settings", { text: "Settings" });
  await (await app.find("#nav-settings")).click();
  await app.waitFor("#section-title", { text: "Settings" });
  assert.equal(await (await app.find("#agency-name")).property("value"), "Broker Asigurări Ștefănescu SRL");
  assert.equal(await (await app.find("#agency-email")).property("value"), "office@broker-stefanescu.ro");
  assert.equal(await (await app.find("#language")).property("value"), "en");
  await app.screenshot(`${SHOTS}/04-settings-after-restart.png`);
});
