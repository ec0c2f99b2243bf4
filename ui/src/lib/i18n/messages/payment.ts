// How each way of paying reads, in both languages (the wire names are CascoApi's).

import type { PaymentMethod } from "../../bindings";

/** Romanian names, as on the payment form. */
export const PAYMENT_METHODS_RO: Record<PaymentMethod, string> = {
  pos: "POS (card)",
  receipt: "Chitanță",
  "broker receipt": "Chitanță broker",
  "payment order": "Ordin de plată",
  "broker payment order": "Ordin de plată broker",
};

/** English names. */
export const PAYMENT_METHODS_EN: Record<PaymentMethod, string> = {
  pos: "POS (card)",
  receipt: "Receipt",
  "broker receipt": "Broker receipt",
  "payment order": "Payment order",
  "broker payment order": "Broker payment order",
};
