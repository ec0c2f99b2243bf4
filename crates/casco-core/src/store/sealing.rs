//! Client data encrypted at rest, one value at a time (issue 14).
//!
//! Every column that names or identifies a person or a vehicle, and every stored request or
//! response body, is written as `s1.` + base64url(nonce ‖ ciphertext ‖ tag), sealed with
//! AES-256-GCM (a random 96-bit nonce per value) under a key derived from the one kept only in
//! the OS keychain. The column's name is the
//! associated data, so a value moved to another column does not open. Timestamps, insurer
//! keys, states and ids stay plain: the store queries by them.
//!
//! Why per value and not SQLCipher: RustCrypto's pure-Rust AEAD builds the same on Windows,
//! macOS and Linux, with no OpenSSL and no C toolchain; rusqlite's bundled SQLCipher is
//! documented Unix-first and has open Windows build and crash reports (rusqlite #1025, #966),
//! and most agents run Windows.
//!
//! Random 96-bit nonces stay safe up to 2^32 values per key (NIST SP 800-38D); an agency
//! writes a few hundred thousand a year. XChaCha20-Poly1305 was measured too and is 2.8×
//! slower on these small values (see Cargo.toml).
//!
//! Invariant: a value without the `s1.` prefix is one written before sealing existed; the
//! store seals all of them in one transaction the first time it opens with a key, so after
//! that every such column holds sealed text only.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::Aes256Gcm;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::StoreError;

/// The prefix of a sealed value; the digit is the format's version.
const SEALED: &str = "s1.";
const NONCE_LEN: usize = 12;
/// What the canary row holds once opened: proves the key is the database's own.
pub(super) const CANARY: &str = "casco-desk";

/// The database's 32-byte key. Debug never prints it; it leaves the process only to the
/// keychain, as base64.
#[derive(Clone)]
pub struct DatabaseKey([u8; 32]);

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(***)")
    }
}

impl DatabaseKey {
    /// A new random key from the OS's generator.
    pub fn generate() -> Result<DatabaseKey, StoreError> {
        let mut bytes = [0u8; 32];
        getrandom::getrandom(&mut bytes)
            .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))?;
        Ok(DatabaseKey(bytes))
    }

    /// The key as the keychain keeps it.
    pub fn to_base64(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0)
    }

    /// A key read back from the keychain; `None` when the text is not one.
    pub fn from_base64(text: &str) -> Option<DatabaseKey> {
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
        Some(DatabaseKey(bytes.try_into().ok()?))
    }

    /// A key from fixed bytes, for tests and benchmarks.
    pub fn from_bytes(bytes: [u8; 32]) -> DatabaseKey {
        DatabaseKey(bytes)
    }
}

/// Seals and opens column values, and makes lookup tags, with one database key.
pub struct Sealer {
    cipher: Aes256Gcm,
    tags: Hmac<Sha256>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(***)")
    }
}

/// One of the two keys derived from the database key: sealing and lookup tags never share one.
fn derive(key: &DatabaseKey, purpose: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0).expect("HMAC takes any key");
    mac.update(purpose);
    mac.finalize().into_bytes().into()
}

impl Sealer {
    /// The sealer for `key`.
    pub fn new(key: &DatabaseKey) -> Sealer {
        let seal_key = derive(key, b"casco-desk seal v1");
        let tag_key = derive(key, b"casco-desk lookup v1");
        Sealer {
            cipher: Aes256Gcm::new(&seal_key.into()),
            tags: <Hmac<Sha256> as Mac>::new_from_slice(&tag_key).expect("HMAC takes any key"),
        }
    }

    /// `plain` sealed for `column` ("drafts.body").
    pub fn seal(&self, column: &str, plain: &str) -> Result<String, StoreError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::getrandom(&mut nonce)
            .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))?;
        let payload = Payload {
            msg: plain.as_bytes(),
            aad: column.as_bytes(),
        };
        let sealed = self
            .cipher
            .encrypt(&nonce.into(), payload)
            .map_err(|_| StoreError::Corrupt(format!("{column}: cannot seal")))?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(format!("{SEALED}{}", URL_SAFE_NO_PAD.encode(out)))
    }

    /// The plain text of a `column` value: a sealed one opened, one from before sealing as it is.
    /// A sealed value that does not open (another key, damaged bytes) is an error, never text.
    pub fn open(&self, column: &str, stored: &str) -> Result<String, StoreError> {
        let Some(body) = stored.strip_prefix(SEALED) else {
            return Ok(stored.to_owned());
        };
        let damaged = || StoreError::Corrupt(format!("{column}: sealed value does not open"));
        let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| damaged())?;
        if bytes.len() < NONCE_LEN {
            return Err(damaged());
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| damaged())?;
        let payload = Payload {
            msg: sealed,
            aad: column.as_bytes(),
        };
        let plain = self
            .cipher
            .decrypt(&nonce.into(), payload)
            .map_err(|_| damaged())?;
        String::from_utf8(plain).map_err(|_| damaged())
    }

    /// [`Sealer::open`] for a nullable column.
    pub fn open_opt(
        &self,
        column: &str,
        stored: Option<String>,
    ) -> Result<Option<String>, StoreError> {
        stored.map(|s| self.open(column, &s)).transpose()
    }

    /// [`Sealer::seal`] for a nullable column.
    pub fn seal_opt(
        &self,
        column: &str,
        plain: Option<&str>,
    ) -> Result<Option<String>, StoreError> {
        plain.map(|p| self.seal(column, p)).transpose()
    }

    /// A lookup tag for `value` (a CNP, a VIN): equal values give equal tags, and the tag tells
    /// nothing about the value without the key. Used where the store must find a row by it.
    pub fn tag(&self, value: &str) -> String {
        let mut mac = self.tags.clone();
        mac.update(value.as_bytes());
        format!("t1.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
    }

    /// Whether `stored` is a sealed value.
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(byte: u8) -> Sealer {
        Sealer::new(&DatabaseKey::from_bytes([byte; 32]))
    }

    #[test]
    fn a_sealed_value_opens_with_its_key_and_column_only() {
        let s = sealer(1);
        let sealed = s.seal("drafts.body", "Ștefănescu 1900101123456").unwrap();
        assert!(Sealer::is_sealed(&sealed));
        assert!(!sealed.contains("Ștefănescu") && !sealed.contains("1900101123456"));
        assert_eq!(
            s.open("drafts.body", &sealed).unwrap(),
            "Ștefănescu 1900101123456"
        );
        assert!(
            s.open("drafts.client_name", &sealed).is_err(),
            "another column"
        );
        assert!(
            sealer(2).open("drafts.body", &sealed).is_err(),
            "another key"
        );
        let mut damaged = sealed.clone();
        damaged.replace_range(10..11, if &sealed[10..11] == "A" { "B" } else { "A" });
        assert!(s.open("drafts.body", &damaged).is_err(), "a changed byte");
        assert!(s.open("drafts.body", "s1.").is_err(), "too short");
    }

    #[test]
    fn the_same_text_seals_differently_each_time_but_tags_the_same() {
        let s = sealer(1);
        assert_ne!(s.seal("c", "x").unwrap(), s.seal("c", "x").unwrap());
        assert_eq!(s.tag("1900101123456"), s.tag("1900101123456"));
        assert_ne!(s.tag("1900101123456"), sealer(2).tag("1900101123456"));
        assert!(!s.tag("1900101123456").contains("1900101"));
    }

    #[test]
    fn a_value_from_before_sealing_reads_as_it_is_and_the_key_never_prints() {
        assert_eq!(
            sealer(1).open("drafts.body", "{\"v\":1}").unwrap(),
            "{\"v\":1}"
        );
        let key = DatabaseKey::generate().unwrap();
        assert_eq!(format!("{key:?}"), "DatabaseKey(***)");
        let back = DatabaseKey::from_base64(&key.to_base64()).unwrap();
        assert_eq!(back.0, key.0);
        assert!(DatabaseKey::from_base64("short").is_none());
    }
}
