// Insurer names by key, for the book's lines (Rust lists insurers by key) and Istoric's filter.
// Read once from the catalogue; a key not in it shows as it is.

import type { Backend } from "../backend";

export class InsurerNames {
  list = $state<{ key: string; name: string }[]>([]);

  constructor(private readonly backend: Backend) {}

  /** Reads the catalogue once; a failure leaves the keys showing (and the filter at "toate"). */
  async load(): Promise<void> {
    if (this.list.length > 0) return;
    try {
      this.list = (await this.backend.listInsurers()).map((i) => ({ key: i.key, name: i.name }));
    } catch {
      // Names are a nicety here: the lines still read with the keys.
    }
  }

  name(key: string | null): string {
    if (!key) return "";
    return this.list.find((i) => i.key === key)?.name ?? key;
  }
}
