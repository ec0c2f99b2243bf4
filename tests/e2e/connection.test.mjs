// Issue 3 in the real window: Demo out of the box, then a custom environment pointing at a
// standalone sandbox, a refused and an accepted login, an insurer's credentials saved in the
// real Secret Service, and a logout.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { freshData, launch, SHOTS, useCustomEnvironment } from "./app.mjs";
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

test("Demo by default; custom URL with wrong then right login; credentials; logout", async () => {
  app = await launch();
  // 1. Demo: badge and a session without any setup.
  assert.equal(await (await app.waitFor("#env-badge")).text(), "DEMO");
  await app.waitFor("#conn-status", { text: "Conectat: demo" });
  await app.screenshot(`${SHOTS}/10-demo-connected.png`);

  // 2. Custom environment with the standalone sandbox's URL.
  await useCustomEnvironment(app, sandbox.url);
  await app.waitFor("#env-badge", { text: "Personalizat" });
  const account = await app.waitFor("#login-account");

  // Wrong password: refused, message under the field, dialog stays.
  await account.replace("demo");
  await (await app.find("#login-password")).replace("parola-gresita");
  await (await app.find("#login-submit")).click();
  const refusal = await app.waitFor("#login-password-error");
  assert.equal(await refusal.text(), "Contul sau parola nu sunt corecte.");
  await app.screenshot(`${SHOTS}/11-login-refused.png`);

  // Right password, typed and submitted with Enter.
  await (await app.find("#login-password")).type("demo\uE007");
  await app.waitGone("#login-account");
  await app.waitFor("#conn-status", { text: "Conectat: demo" });

  // Setări → Asigurători: credentials go to the real keychain (gnome-keyring in CI).
  await (await app.find("#tab-insurers")).click();
  await app.waitFor("#insurer-grawe-cred", { text: "Lipsesc" });
  await (await app.find("#insurer-grawe-edit")).click();
  await (await app.waitFor("#cred-account")).replace("agent-grawe-12");
  await (await app.find("#cred-password")).replace("parolă-grawe");
  await (await app.find("#cred-save")).click();
  await app.waitFor("#insurer-grawe-cred", { text: "Salvate (agent-grawe-12)" });
  await app.screenshot(`${SHOTS}/12-insurers-custom.png`);

  // 3. Log out: the session ends and the top bar offers a login again.
  await (await app.find("#conn-logout")).click();
  await app.waitFor("#conn-status", { text: "Neautentificat" });
  await app.waitFor("#conn-login");
  await app.screenshot(`${SHOTS}/13-logged-out.png`);
});
