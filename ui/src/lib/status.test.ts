import { describe, expect, it } from "vitest";
import { allCatalogues, interpolate } from "./i18n/index.svelte";
import { frameStatus, type StatusFacts } from "./status";

const base: StatusFacts = {
  environment: "qa",
  online: true,
  loggedIn: true,
  account: "agent7",
  connecting: false,
  syncing: false,
};
const facts = (over: Partial<StatusFacts>): StatusFacts => ({ ...base, ...over });
const wording = (f: StatusFacts, lang: "ro" | "en" = "ro") => {
  const s = frameStatus(f);
  return interpolate(allCatalogues[lang][s.key], s.params);
};

/** Every combination of the inputs, for the invariants. */
function everyCombination(): StatusFacts[] {
  const out: StatusFacts[] = [];
  for (const environment of ["demo", "qa", "custom"] as const)
    for (const online of [true, false])
      for (const loggedIn of [true, false])
        for (const connecting of [true, false])
          for (const syncing of [true, false])
            out.push({ environment, online, loggedIn, account: loggedIn ? "demo" : null, connecting, syncing });
  return out;
}

describe("frameStatus", () => {
  it("says connected with the account when online, logged in and idle", () => {
    const s = frameStatus(base);
    expect(s.state).toBe("connected");
    expect(s.tone).toBe("ok");
    expect(wording(base)).toBe("Online · Conectat: agent7");
    expect(wording(base, "en")).toBe("Online · Connected: agent7");
  });

  it("names the environment in every state", () => {
    expect(frameStatus(facts({ environment: "demo" })).envKey).toBe("env.demo");
    expect(frameStatus(facts({ environment: "qa", online: false })).envKey).toBe("env.qa");
    expect(frameStatus(facts({ environment: "custom", connecting: true })).envKey).toBe("env.custom");
  });

  it("shows a connect or a login under way before anything else", () => {
    for (const f of everyCombination().filter((f) => f.connecting)) {
      expect(frameStatus(f).state).toBe("connecting");
      expect(frameStatus(f).tone).toBe("busy");
    }
    expect(wording(facts({ connecting: true, loggedIn: false, account: null }))).toBe("Se conectează…");
  });

  it("says offline in grey, never connected, whatever the session", () => {
    const offline = frameStatus(facts({ online: false }));
    expect(offline.state).toBe("offline");
    expect(offline.tone).toBe("neutral");
    // A live session is named by its account, not called connected while the host is away.
    expect(wording(facts({ online: false }))).toBe("Fără conexiune · cont agent7");
    expect(wording(facts({ online: false, loggedIn: false, account: null }))).toBe("Fără conexiune");
    // Offline outranks a sync and a missing login: neither can be fixed until the host answers.
    expect(frameStatus(facts({ online: false, syncing: true })).state).toBe("offline");
    expect(frameStatus(facts({ online: false, loggedIn: false })).state).toBe("offline");
  });

  it("asks for attention when the host answers but nobody is logged in", () => {
    const s = frameStatus(facts({ loggedIn: false, account: null }));
    expect(s.state).toBe("loggedOut");
    expect(s.tone).toBe("attention");
    expect(wording(facts({ loggedIn: false, account: null }))).toBe("Online · Neautentificat");
    // A sync needs a session: logged out wins over a sync still winding down.
    expect(frameStatus(facts({ loggedIn: false, account: null, syncing: true })).state).toBe("loggedOut");
  });

  it("says a sync is running while connected", () => {
    const s = frameStatus(facts({ syncing: true }));
    expect(s.state).toBe("syncing");
    expect(s.tone).toBe("ok");
    expect(wording(facts({ syncing: true }))).toContain("Conectat: agent7");
  });

  it("never contradicts itself, in any combination and either language", () => {
    for (const f of everyCombination()) {
      const s = frameStatus(f);
      for (const lang of ["ro", "en"] as const) {
        const text = wording(f, lang);
        const title = interpolate(allCatalogues[lang][s.titleKey], s.params);
        expect(text, JSON.stringify(f)).not.toMatch(/\{\w+\}/);
        expect(title, JSON.stringify(f)).not.toMatch(/\{\w+\}/);
        const saysOnline = /Online/.test(text);
        const saysOffline = /Fără conexiune|Offline/.test(text);
        const saysConnected = /Conectat|Connected/.test(text);
        expect(saysOnline && saysOffline, text).toBe(false);
        expect(saysOffline && saysConnected, text).toBe(false);
        if (saysConnected) expect(f.loggedIn && f.online && !f.connecting, text).toBe(true);
        if (saysOffline) expect(f.online, text).toBe(false);
        if (s.tone === "ok") expect(f.loggedIn && f.online).toBe(true);
      }
      // Offline is information, not an error: no state is ever shown in an error colour.
      expect(["ok", "attention", "neutral", "busy"]).toContain(s.tone);
    }
  });
});
