// Where the draft's issued offers stand, from the store (offerIssues): an offer sent to the
// insurer whose answer never came is "Emitere neconfirmată" until "Verifică" sends the very
// same request again; an issued one holds its policy and makes the draft read-only.

import type { Backend, OfferIssue, PolicyView } from "../backend";
import { problem } from "../errors";
import type { Sentence } from "../i18n/messages";

/** An issue that ended in a policy. */
export type IssuedOffer = OfferIssue & { state: { state: "issued"; policy: PolicyView } };

/** "GRP 100045". */
export const policyName = (policy: PolicyView) => `${policy.series} ${policy.number}`;

export class PolicyIssues {
  draftId = $state<number | null>(null);
  /** The draft's issues by offer id. */
  byOffer = $state<Record<string, OfferIssue>>({});
  /** Offers being checked with "Verifică" now. */
  verifying = $state<Set<string>>(new Set());
  /** Why the last check of an offer failed (network, another check running…). */
  errors = $state<Record<string, Sentence>>({});
  loadError = $state<Sentence | null>(null);
  private loadSeq = 0;

  constructor(private readonly backend: Backend) {}

  reset(draftId: number | null): void {
    this.draftId = draftId;
    this.byOffer = {};
    this.verifying = new Set();
    this.errors = {};
    this.loadError = null;
  }

  /** Reads where the draft's issues stand (no API call). */
  async load(draftId: number): Promise<void> {
    const mine = ++this.loadSeq;
    try {
      const issues = await this.backend.offerIssues(draftId);
      if (mine !== this.loadSeq || this.draftId !== draftId) return;
      this.byOffer = Object.fromEntries(issues.map((i) => [i.offerId, i]));
      this.loadError = null;
    } catch (e) {
      if (mine === this.loadSeq) this.loadError = problem(e);
    }
  }

  /** Keeps what an issue call or a check answered. */
  record(issue: OfferIssue): void {
    this.byOffer = { ...this.byOffer, [issue.offerId]: issue };
  }

  of(offerId: string): OfferIssue | null {
    return this.byOffer[offerId] ?? null;
  }

  /** The policy issued from this draft, if any (one per draft: issuing is then closed). */
  get issued(): IssuedOffer | null {
    return (Object.values(this.byOffer).find((i) => i.state.state === "issued") as IssuedOffer | undefined) ?? null;
  }

  /** Offers sent to the insurer with no answer on record. */
  get unconfirmed(): OfferIssue[] {
    return Object.values(this.byOffer).filter((i) => i.state.state === "unconfirmed");
  }

  /**
   * Whether a payment may be sent for an offer of this draft now: not once a policy was issued
   * from it, and not while any issue of it is unconfirmed (that one may have been issued).
   */
  get mayIssue(): boolean {
    return this.issued === null && this.unconfirmed.length === 0;
  }

  /** "Verifică": the very same request again; the insurer answers with the policy it issued, if any. */
  async verify(offerId: string): Promise<OfferIssue | null> {
    if (this.verifying.has(offerId)) return null;
    this.verifying = new Set(this.verifying).add(offerId);
    const { [offerId]: _, ...others } = this.errors;
    this.errors = others;
    try {
      const issue = await this.backend.verifyPolicyIssue(offerId);
      this.record(issue);
      return issue;
    } catch (e) {
      this.errors = { ...this.errors, [offerId]: problem(e) };
      return null;
    } finally {
      const next = new Set(this.verifying);
      next.delete(offerId);
      this.verifying = next;
    }
  }
}
