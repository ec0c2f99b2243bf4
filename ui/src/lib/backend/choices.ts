// Closed choices the forms list. A leaf module (no imports), so the wizard's field table and
// the message catalogues can use it without importing the backend.

/** Installment counts a policy may be paid in; mirrors `casco_core::settings::INSTALLMENT_CHOICES`. */
export const INSTALLMENT_CHOICES = [1, 2, 4, 12] as const;
/** Currencies a policy may be quoted in, as the forms and the comparison filter list them. */
export const CURRENCY_CHOICES = ["RON", "EUR"] as const;
/** Policy terms in months, longest first, as the forms list them. */
export const TERM_MONTH_CHOICES: number[] = Array.from({ length: 12 }, (_, i) => 12 - i);
