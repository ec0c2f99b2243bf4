// The client proposal as the UI asks Rust for it: which offers (ticked in the comparison's
// order), the vehicle as the wizard names it, and every word of the PDF from the UI's
// catalogue, in the language in force. Rust fills the `{number}`-style placeholders.

import type { ComparedOffer, ProposalRequest, ProposalWording, QuoteDraft } from "../backend";
import { t, type MessageKey } from "../i18n/index.svelte";
import { COVER_KEYS } from "../wizard/generated";
import { makeName } from "../wizard/fields";
import { rowKey } from "./state.svelte";
import { coverName } from "./terms";

/** Each wording field and the catalogue key that words it. */
const WORDING_KEYS: Record<Exclude<keyof ProposalWording, "covers">, MessageKey> = {
  title: "proposal.pdf.title",
  numberLine: "proposal.pdf.numberLine",
  client: "proposal.pdf.client",
  vehicle: "proposal.pdf.vehicle",
  plate: "proposal.pdf.plate",
  vin: "proposal.pdf.vin",
  insuredSum: "proposal.pdf.insuredSum",
  offers: "proposal.pdf.offers",
  insurer: "proposal.pdf.insurer",
  premium: "proposal.pdf.premium",
  premiumInLei: "proposal.pdf.premiumInLei",
  installments: "proposal.pdf.installments",
  deductibles: "proposal.pdf.deductibles",
  validUntil: "proposal.pdf.validUntil",
  schedule: "proposal.pdf.schedule",
  coverages: "proposal.pdf.coverages",
  notes: "proposal.pdf.notes",
  atOnce: "proposal.pdf.atOnce",
  installmentCount: "proposal.pdf.installmentCount",
  deductibleText: "proposal.pdf.deductibleText",
  rateNote: "proposal.pdf.rateNote",
  recommendation: "proposal.pdf.recommendation",
  closing: "proposal.pdf.closing",
  page: "proposal.pdf.page",
  brokerCode: "proposal.pdf.brokerCode",
};

/** The proposal's words in the language in force; placeholders are left for Rust. */
export function proposalWording(): ProposalWording {
  const words = Object.fromEntries(Object.entries(WORDING_KEYS).map(([field, key]) => [field, t(key)]));
  // The base coverage code and every catalogue cover, named as the comparison names them.
  const covers: Record<string, string> = { vehicle: t("offers.coverage.vehicle") };
  for (const key of COVER_KEYS) covers[key] = coverName(key);
  return { ...(words as Omit<ProposalWording, "covers">), covers };
}

/** "Dacia Logan 2019", as the wizard's header names the vehicle. */
export function vehicleName(draft: QuoteDraft): string {
  return [makeName(draft.vehicle.make), draft.vehicle.model.trim(), draft.vehicle.year.trim()].filter(Boolean).join(" ");
}

/** The rows ticked by default (their `rowKey`s): every unexpired offer (the rows come cheapest first). */
export function defaultTicked(rows: readonly ComparedOffer[]): Set<string> {
  return new Set(rows.filter((r) => !r.offer.expired).map(rowKey));
}

/** What Rust is asked for: the ticked offers (by `rowKey`) in the order shown. */
export function proposalRequest(rows: readonly ComparedOffer[], ticked: ReadonlySet<string>, recommendation: string, draft: QuoteDraft): ProposalRequest {
  return {
    offerIds: rows.filter((r) => ticked.has(rowKey(r))).map((r) => r.offer.offerId),
    recommendation: recommendation.trim(),
    vehicleName: vehicleName(draft),
    wording: proposalWording(),
  };
}
