// Issue 14, "Secret and personal-data scan": log in to a standalone CascoApi with a known
// password (Ține-mă minte ticked, so the keychain path runs), quote a client with a known CNP
// and name, save an offer PDF, then read every file the app wrote (its data folder with the
// database, its WAL and its logs, the settings, the WebView's storage and cache) as bytes: the
// password, every access and refresh token the API issued, the CNP and the name appear 0 times.
// Scanned twice: while the app runs (the WAL is there) and after it has closed.
//
// The tokens are the real ones: the app talks to the sandbox through a small recording proxy
// here, which keeps every token the sandbox hands out and every token the app presents.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { join, relative, sep } from "node:path";
import { after, before, test } from "node:test";
import { APP, capture, dataDir, freshData, launch, press, useCustomEnvironment } from "./app.mjs";
import { seedComplete } from "./flows.mjs";
import { invoke } from "./wizard.mjs";

const ACCOUNT = "broker-zq7";
const PASSWORD = "Zq7-Parola-Secreta-m4Kx9w";
const PROVIDER_PASSWORD = "Insurer-Pw-b8Tn3vQy";
const LAST_NAME = "Zamfirescu";
const FIRST_NAME = "Ștefănița";
const CLIENT = `${LAST_NAME} ${FIRST_NAME}`;
// Born 23.05.1987, female (2), county 12 (Cluj), serial 583; check digit by the CNP rule.
const CNP = withCnpCheckDigit("287052312583");

/** Appends the check digit: Σ(digit × 279146358279) mod 11, 10 becoming 1. */
function withCnpCheckDigit(twelve) {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * Number("279146358279"[i]), 0);
  return twelve + (sum % 11 === 10 ? 1 : sum % 11);
}

let app;
let sandbox;
let proxy;
before(async () => {
  freshData();
  sandbox = await startSandbox();
  proxy = await startRecordingProxy(sandbox.port);
});
after(async () => {
  await app?.end();
  await proxy?.stop();
  sandbox?.stop();
});

/** A free loopback port. */
function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The external casco-sandbox binary with one account whose password is the one we look for. */
async function startSandbox() {
  // The config (holding the password) lives in the harness's scratch folder, not in the app's.
  const config = join(process.env.CASCO_TMP, "secrets-sandbox.json");
  writeFileSync(config, JSON.stringify({ accounts: [{ account: ACCOUNT, password: PASSWORD }] }));
  const port = await freePort();
  const child = spawn(process.env.CASCO_SANDBOX_BINARY, ["--port", String(port), "--config", config], { stdio: "inherit" });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  while (!(await fetch(`${url}/openapi.json`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`casco-sandbox did not start on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, stop: () => child.kill() };
}

/**
 * A pass-through HTTP proxy in front of the sandbox. It keeps every access and refresh token in
 * the sandbox's answers to POST /auth (login) and PATCH /auth (refresh), and every `Token` header
 * the app sends, so the scan looks for the tokens the app really held.
 */
async function startRecordingProxy(upstreamPort) {
  const seen = { access: new Set(), refresh: new Set(), presented: new Set(), refreshPresented: [], logins: 0 };
  const server = createServer((req, res) => {
    const token = req.headers.token;
    if (typeof token === "string") {
      if (token.startsWith("Refresh ")) seen.refreshPresented.push(token.slice(8).trim());
      else seen.presented.add(token);
    }
    const auth = req.url.split("?")[0] === "/auth" && (req.method === "POST" || req.method === "PATCH");
    if (auth && req.method === "POST") seen.logins += 1;
    const up = httpRequest(
      { host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (!auth) {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks = [];
        answer.on("data", (c) => chunks.push(c));
        answer.on("end", () => {
          const body = Buffer.concat(chunks);
          try {
            const data = JSON.parse(body.toString("utf8")).data ?? {};
            if (typeof data.token === "string") seen.access.add(data.token);
            if (typeof data.refresh_token === "string") seen.refresh.add(data.refresh_token);
          } catch {
            // an error page: nothing issued
          }
          res.writeHead(answer.statusCode, answer.headers);
          res.end(body);
        });
      },
    );
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const stop = () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  return { url, seen, stop };
}

/** Whether an instance of the app is still running. */
const running = () => spawnSync("pgrep", ["-f", APP]).status === 0;

/**
 * Closes the app as an agent does, by closing its window, and waits for the process to exit
 * (tauri-driver's end of session would kill it instead).
 */
async function closeCleanly() {
  await app.cmd("DELETE", "/window").catch(() => {});
  const deadline = Date.now() + 20000;
  while (running()) {
    if (Date.now() > deadline) throw new Error("the app did not exit after its window was closed");
    await new Promise((r) => setTimeout(r, 100));
  }
  await app.end();
  app = undefined;
}

/** No notice about the keychain or the database: the app works on its real, sealed database. */
async function assertRealDatabase() {
  const notices = (await invoke(app, "start_notices")).map((n) => n.code);
  for (const code of ["keychainUnavailableForData", "databaseKeyMissing", "databaseKeyMismatch", "storeUnusable", "storeNewerSchema"]) {
    assert.ok(!notices.includes(code), `start notice ${code}: the app is not on its own sealed database (${notices})`);
  }
}

/** A complete draft for the client, with what every sandbox insurer asks for. */
const seedDraft = () =>
  seedComplete(app, {
    holder: {
      taxId: CNP, lastName: LAST_NAME, firstName: FIRST_NAME, gender: "f", birthdate: "23.05.1987",
      email: "stefanita.zamfirescu@example.ro", mobile: "0744987321", licenceDate: "12.06.2007",
    },
    address: { street: "Strada Horea", number: "17", floor: "2", postcode: "400174" },
    vehicle: { vin: "UU1LSDAAG12345678", plate: "CJ 87 ZMF", civSeries: "J765432", mileage: "61000" },
    leased: false,
  });

/** Every file under `root`, recursively, leaving out the folders in `skip`. */
function filesUnder(root, skip) {
  const out = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // gone while walking (a cache entry being replaced)
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (skip.some((s) => path === s || path.startsWith(s + sep))) continue;
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) out.push(path);
    }
  };
  walk(root);
  return out;
}

/**
 * What must never be in a file: each needle with a label, looked for in UTF-8 and in UTF-16LE
 * (WebKit keeps some storage as UTF-16), ASCII letters in any case (a name written in capitals,
 * or folded for search, is still the name).
 */
function needles() {
  const { access, refresh } = proxy.seen;
  const list = [
    ["the CascoApi password", PASSWORD],
    ["the insurer password", PROVIDER_PASSWORD],
    ["the CNP", CNP],
    ["the client's name", CLIENT],
    ["the client's name, first name first", `${FIRST_NAME} ${LAST_NAME}`],
    ["the client's last name", LAST_NAME],
    ["the client's first name", FIRST_NAME],
    ["the client's first name without diacritics", "Stefanita"],
  ];
  let i = 0;
  for (const token of access) {
    i += 1;
    list.push([`access token ${i}`, token]);
    // The signature alone: a token cut short in a log line is still a leak.
    list.push([`access token ${i} (its signature)`, token.split(".").pop()]);
  }
  i = 0;
  for (const token of refresh) {
    i += 1;
    list.push([`refresh token ${i}`, token]);
    list.push([`refresh token ${i} (after its prefix)`, token.replace(/^rt-/, "")]);
  }
  return list.flatMap(([label, text]) => [
    { label: `${label} (UTF-8)`, bytes: lowerAscii(Buffer.from(text, "utf8")) },
    { label: `${label} (UTF-16LE)`, bytes: lowerAscii(Buffer.from(text, "utf16le")) },
  ]);
}

/** `bytes` with A–Z turned to a–z (a copy). */
function lowerAscii(bytes) {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) if (out[i] >= 65 && out[i] <= 90) out[i] += 32;
  return out;
}

/**
 * Reads every file the app wrote and returns the files read and every needle found in them.
 * Roots: XDG_DATA_HOME (the app's data folder: database, -wal, -shm, logs, settings, the
 * WebView's local storage and IndexedDB), XDG_CONFIG_HOME and XDG_CACHE_HOME (the WebView's
 * cache), whole, so a file in an unexpected place is read too. Left out: XDG_DATA_HOME/keyrings,
 * gnome-keyring's own encrypted store, i.e. the OS keychain where the password, the refresh
 * token and the database key belong; and the Documents folder, where the agent saves the
 * client's PDFs on purpose (outside the app's folders anyway).
 */
function scan() {
  const { XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME, CASCO_DOCUMENTS } = process.env;
  const skip = [join(XDG_DATA_HOME, "keyrings"), CASCO_DOCUMENTS].filter(Boolean);
  const files = [XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME].filter(Boolean).flatMap((root) => filesUnder(root, skip));
  const wanted = needles();
  const read = [];
  const hits = [];
  for (const file of files) {
    let bytes;
    try {
      bytes = readFileSync(file);
    } catch {
      continue; // removed between listing and reading (a WAL after a checkpoint, a cache entry)
    }
    read.push({ file, size: bytes.length });
    const hay = lowerAscii(bytes);
    for (const n of wanted) {
      const at = hay.indexOf(n.bytes);
      if (at >= 0) hits.push(`${file}: ${n.label} at byte ${at}`);
    }
  }
  return { read, hits };
}

/** Runs the scan, reports what it read, and fails naming every hit (file and needle). */
function assertNoSecrets(t, when, { wal }) {
  const { read, hits } = scan();
  const root = process.env.CASCO_TMP;
  const { access, refresh } = proxy.seen;
  t.diagnostic(`${when}: ${read.length} files read, ${read.reduce((s, f) => s + f.size, 0)} bytes, for ${needles().length} needles (${access.size} access and ${refresh.size} refresh tokens among them)`);
  // Mesa's shader cache (the GPU driver's, a hundred-odd binary files) is read like the rest
  // but listed as one line.
  const shaders = read.filter((f) => f.file.includes(`${sep}mesa_shader_cache${sep}`));
  for (const f of read) if (!shaders.includes(f)) t.diagnostic(`  ${relative(root, f.file)} (${f.size} B)`);
  if (shaders.length) t.diagnostic(`  …/mesa_shader_cache: ${shaders.length} files, ${shaders.reduce((s, f) => s + f.size, 0)} B`);
  assert.equal(hits.length, 0, `${when}: ${hits.length} hits of secrets or personal data in plain text:\n  ${hits.join("\n  ")}`);

  // The scan read what matters, so it cannot pass by reading nothing.
  const names = read.map((f) => f.file);
  const database = join(dataDir, "casco.db");
  assert.ok(names.includes(database), `${when}: the database ${database} was read`);
  if (wal) assert.ok(names.includes(`${database}-wal`), `${when}: the database's WAL was read`);
  const logs = names.filter((f) => f.startsWith(join(dataDir, "logs") + sep) && f.endsWith(".log"));
  assert.ok(logs.some((f) => lstatSync(f).size > 0), `${when}: a non-empty log file was read (${logs})`);
  assert.ok(names.includes(join(dataDir, "settings.json")), `${when}: the settings file was read`);
  // And it finds what is there: the custom URL is in the settings, in plain text by design.
  assert.ok(readFileSync(join(dataDir, "settings.json"), "utf8").includes(proxy.url), "the settings name the custom URL");
  // The client's data did go to this database, sealed.
  const stored = Buffer.concat([database, `${database}-wal`].filter(existsSync).map((f) => readFileSync(f)));
  assert.ok(stored.includes("s1."), `${when}: sealed values are in the database`);
}

test("log in with Ține-mă minte on a custom API, quote the client, save an offer PDF", async () => {
  app = await launch();
  await assertRealDatabase();
  await useCustomEnvironment(app, proxy.url);
  await app.waitFor("#env-badge", { text: "Personalizat" });

  // The real login dialog, with Ține-mă minte: the password and refresh token go to the keychain.
  await (await app.waitFor("#login-account")).replace(ACCOUNT);
  await (await app.find("#login-password")).replace(PASSWORD);
  await (await app.find("#login-remember")).click();
  assert.equal(await (await app.find("#login-remember")).property("checked"), true);
  await capture(app, "78-secrets-login");
  await (await app.find("#login-submit")).click();
  await app.waitGone("#login-account");
  await app.waitFor("#conn-status.online", { text: `Conectat: ${ACCOUNT}` });
  assert.equal(proxy.seen.logins, 1, "one POST /auth through the dialog");

  // The first login on an environment downloads the reference data.
  await app.poll(async () => {
    const s = await invoke(app, "reference_data_status");
    return !s.syncing && !s.never_synced && !s.neverSynced;
  }, 180000, () => "the reference data synced");

  // Provider credentials for every insurer (kept in the keychain; not in any file either).
  for (const { key } of await invoke(app, "list_insurers")) {
    await invoke(app, "save_insurer_credentials", { insurer: key, account: `agent-${key}`, password: PROVIDER_PASSWORD, code: "" });
  }
  await seedDraft();
  await closeCleanly();

  // The next start resumes the session with the refresh token kept in the keychain.
  app = await launch();
  await assertRealDatabase();
  await app.waitFor("#conn-status.online", { text: `Conectat: ${ACCOUNT}`, timeout: 20000 });
  assert.equal(proxy.seen.logins, 1, "no second login: the session resumed");
  assert.ok(proxy.seen.refreshPresented.length >= 1, "the remembered refresh token was presented (PATCH /auth)");
  assert.ok(proxy.seen.refresh.has(proxy.seen.refreshPresented[0]), "and it is one the sandbox issued");
  assert.equal(await app.exec("return document.getElementById('login-account') === null;"), true, "no login dialog");

  await (await app.waitFor("#resume-continue", { timeout: 20000 })).click();
  await press(app, "#step-offers");
  await press(app, "#offers-ask:not([disabled])", 30000);
  await app.waitFor("#offers-table");
  await app.waitUntil("return document.querySelectorAll('#offers-table tr.offer-row').length > 0;", { timeout: 60000, what: "offers" });
  await app.waitGone("#offers-table tr.insurer-row[data-state=waiting]", 60000);
  await app.waitGone("#offers-table tr.offer-row[data-stale]", 30000);

  // One offer PDF saved (its path, with the client's folder, is a sealed column).
  const opened = () => (existsSync(process.env.CASCO_OPENED_LOG) ? readFileSync(process.env.CASCO_OPENED_LOG, "utf8").split("\n").filter(Boolean) : []);
  const before = opened().length;
  await press(app, "#offers-table tr.offer-row button.doc");
  await app.poll(async () => opened().length > before, 30000, () => "the offer PDF was saved and opened");
  assert.ok(opened().at(-1).startsWith(process.env.CASCO_DOCUMENTS), "the PDF is in the Documents folder");
  await app.waitUntil("return [...document.querySelectorAll('#offers-table tr.offer-row button.doc')].every((b) => !b.disabled);", { what: "the download settled" });
  await capture(app, "79-secrets-offers");

  // The tokens the scan looks for are the ones the app used.
  const { access, refresh, presented } = proxy.seen;
  assert.ok(access.size >= 2 && refresh.size >= 2, `tokens from the login and the resume (${access.size} access, ${refresh.size} refresh)`);
  assert.ok([...presented].some((t) => access.has(t)), "the app presented an issued access token");
  assert.ok([...presented].every((t) => access.has(t)), "and only issued ones");
});

test("no file the app wrote holds the password, a token, the CNP or the name: while it runs (WAL present)", (t) => {
  assert.ok(app && running(), "the app is still running");
  assertNoSecrets(t, "while running", { wal: true });
});

test("nor after it has closed", async (t) => {
  await closeCleanly();
  assertNoSecrets(t, "after closing", { wal: false });
});
