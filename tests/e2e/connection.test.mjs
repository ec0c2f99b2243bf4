// Issue 3 in the real window: Demo out of the box, then a custom environment pointing at a
// standalone sandbox, a refused and an accepted login, an insurer's credentials saved in the
// real Secret Service, and a logout. Issue 12: one status indicator, and a refused login that
// names its cause (host down, locked account, wrong password) and keeps what was typed.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { capture, freshData, launch, SHOTS, useCustomEnvironment } from "./app.mjs";
import { countPixels, decodePng } from "./png.mjs";
import { startSandbox } from "./sandbox.mjs";

let app;
let sandbox;
let locked;
const scratch = mkdtempSync(join(tmpdir(), "casco-connection-"));
before(async () => {
  freshData();
  sandbox = await startSandbox();
  locked = await startLockedSandbox();
});
after(async () => {
  await app?.end();
  sandbox?.stop();
  locked?.stop();
});

/**
 * A second sandbox whose one account the vendor locked: the right password gets a 403 that
 * says "Contul este blocat". (startSandbox takes no config; this is its loop with one.)
 */
async function startLockedSandbox() {
  const config = join(scratch, "locked.json");
  writeFileSync(config, JSON.stringify({ accounts: [{ account: "blocat", password: "parola", locked: true }] }));
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const child = spawn(process.env.CASCO_SANDBOX_BINARY, ["--port", String(port), "--config", config], { stdio: "inherit" });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  while (!(await fetch(`${url}/openapi.json`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the locked sandbox did not start on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => child.kill() };
}

/** Fails unless the screenshot at `file` shows `count` pixels or more like `test` inside `el`. */
async function screenshotShows(file, el, what, test, count = 40) {
  const rect = await app.exec("return arguments[0].getBoundingClientRect().toJSON();", el.reference());
  const seen = countPixels(decodePng(readFileSync(file)), rect, test);
  assert.ok(seen >= count, `${file}: ${what} is not in the screenshot (${seen} matching pixels in ${JSON.stringify(rect)})`);
}
const errorRed = (r, g, b) => r > 140 && g < 90 && b < 90;
const darkText = (r, g, b) => r < 90 && g < 90 && b < 110;

test("Demo by default; custom URL with wrong then right login; credentials; logout", async () => {
  app = await launch();
  // 1. Demo: one indicator, environment and session in it, without any setup.
  assert.equal(await (await app.waitFor("#env-badge")).text(), "DEMO");
  await app.waitFor("#conn-status.tone-ok", { text: "Online · Conectat: demo" });
  await capture(app, "10-demo-connected");

  // 2. A host that is down: the dialog says so, shows the address and leads to Setări; the
  // indicator says offline in grey, not connected.
  await useCustomEnvironment(app, "http://127.0.0.1:9");
  await (await app.waitFor("#login-account")).replace("demo");
  await (await app.find("#login-password")).replace("demo");
  await (await app.find("#login-submit")).click();
  await app.waitFor("#login-notice", { text: "nu poate fi contactat" });
  await app.waitFor("#login-fix", { text: "Adresa folosită acum: http://127.0.0.1:9" });
  await app.waitFor("#conn-status.tone-neutral", { text: "Fără conexiune", timeout: 20000 });
  assert.equal(await (await app.find("#login-account")).property("value"), "demo");
  assert.equal(await (await app.find("#login-password")).property("value"), "", "no password kept after a try");
  await capture(app, "14-login-unreachable");
  await (await app.find("#login-open-settings")).click();
  await app.waitGone("#login-account");
  await app.waitFor("#env-custom-url");

  // 3. A locked account: named under the account field, with whom to call.
  await useCustomEnvironment(app, locked.url);
  await (await app.waitFor("#login-account")).replace("blocat");
  await (await app.find("#login-password")).replace("parola");
  await (await app.find("#login-submit")).click();
  await app.waitFor("#login-account-error", { text: "Contul este blocat" });
  await app.waitFor("#login-fix", { text: "suportul brokerului" });
  assert.equal(await (await app.find("#login-account")).property("value"), "blocat");
  await capture(app, "15-login-locked");
  await (await app.find("#login-close")).click();
  await app.waitGone("#login-account");

  // 4. The standalone sandbox.
  await useCustomEnvironment(app, sandbox.url);
  await app.waitFor("#env-badge", { text: "Personalizat" });
  await app.waitFor("#conn-status.tone-attention", { text: "Neautentificat" });
  const account = await app.waitFor("#login-account");

  // Wrong password: refused, message under the field, dialog stays.
  await account.replace("demo");
  await (await app.find("#login-password")).replace("parola-gresita");
  await (await app.find("#login-submit")).click();
  const refusal = await app.waitFor("#login-password-error");
  assert.equal(await refusal.text(), "Contul sau parola nu sunt corecte.");
  // Issue 12: the screenshot taken right after this showed an empty dialog. The DOM was right;
  // WebKitGTK handed back a frame from before the password was typed. The capture must show it.
  await app.screenshot(join(scratch, "refused-at-once.png"));
  await screenshotShows(join(scratch, "refused-at-once.png"), refusal, "the refusal", errorRed);
  await screenshotShows(join(scratch, "refused-at-once.png"), await app.find("#login-account"), "the typed account", darkText, 15);
  // And it stays: a second later the message, the fix and the typed account are all there.
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await (await app.find("#login-password-error")).text(), "Contul sau parola nu sunt corecte.");
  assert.equal(await (await app.find("#login-account")).property("value"), "demo");
  assert.equal(await (await app.find("#login-password")).property("value"), "", "a wrong secret is not kept");
  await app.waitFor("#login-fix", { text: "tastați din nou parola" });
  await capture(app, "11-login-refused");
  await screenshotShows(`${SHOTS}/11-login-refused.png`, await app.find("#login-password-error"), "the refusal", errorRed);

  // Right password, typed and submitted with Enter: the cursor is already in the password field.
  await app.waitUntil("return document.activeElement?.id === 'login-password';", { what: "the password field has focus" });
  await (await app.find("#login-password")).type("demo\uE007");
  await app.waitGone("#login-account");
  await app.waitFor("#conn-status.online", { text: "Conectat: demo" });

  // Setări → Asigurători: credentials go to the real keychain (gnome-keyring in CI).
  await (await app.find("#tab-insurers")).click();
  await app.waitFor("#insurer-grawe-cred", { text: "Lipsesc" });
  await (await app.find("#insurer-grawe-edit")).click();
  await (await app.waitFor("#cred-account")).replace("agent-grawe-12");
  await (await app.find("#cred-password")).replace("parolă-grawe");
  await (await app.find("#cred-save")).click();
  await app.waitFor("#insurer-grawe-cred", { text: "Salvate (agent-grawe-12)" });
  await capture(app, "12-insurers-custom");

  // 5. Log out: the session ends and the top bar offers a login again; the account is remembered
  // for the next login, the password is not.
  await (await app.find("#conn-logout")).click();
  await app.waitFor("#conn-status", { text: "Neautentificat" });
  await capture(app, "13-logged-out");
  await (await app.waitFor("#conn-login")).click();
  assert.equal(await (await app.waitFor("#login-account")).property("value"), "demo");
  assert.equal(await (await app.find("#login-password")).property("value"), "");
});
