//! Randomness behind sessions: the HS256 secret each start signs with, and refresh tokens.
//!
//! Both come from the OS random source. The secret used to be a fixed, documented string,
//! so anyone could forge a token; refresh tokens used to be a counter and a clock reading.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::fmt;

/// Bytes of the signing secret: 256 bits, HS256's own strength.
const SECRET_BYTES: usize = 32;

/// The HS256 key of one sandbox start. Its `Debug` hides the bytes, so neither a log line
/// nor a panic message can print it.
pub struct SigningSecret([u8; SECRET_BYTES]);

impl SigningSecret {
    /// A fresh secret from the OS random source.
    pub fn random() -> std::io::Result<SigningSecret> {
        let mut bytes = [0u8; SECRET_BYTES];
        fill_random(&mut bytes)?;
        Ok(SigningSecret(bytes))
    }

    /// The key bytes, for signing and checking tokens.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SigningSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningSecret(hidden)")
    }
}

/// A new refresh token: `rt-` and 32 random bytes in base64url, or exactly `length`
/// random base64url characters (the `refreshTokenLength` knob). Base64url keeps it safe in
/// the `Token` header.
pub fn refresh_token(length: Option<usize>) -> std::io::Result<String> {
    match length {
        None => random_text(43).map(|random| format!("rt-{random}")),
        Some(length) => random_text(length),
    }
}

/// `length` base64url characters, each carrying 6 random bits.
fn random_text(length: usize) -> std::io::Result<String> {
    let mut bytes = vec![0u8; length.div_ceil(4) * 3];
    fill_random(&mut bytes)?;
    let mut text = URL_SAFE_NO_PAD.encode(&bytes);
    text.truncate(length);
    Ok(text)
}

fn fill_random(bytes: &mut [u8]) -> std::io::Result<()> {
    getrandom::getrandom(bytes)
        .map_err(|e| std::io::Error::other(format!("the OS random source failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_the_asked_length_and_differ() {
        for length in [16, 17, 18, 19, 2000] {
            let (a, b) = (
                refresh_token(Some(length)).unwrap(),
                refresh_token(Some(length)).unwrap(),
            );
            assert_eq!((a.len(), b.len()), (length, length));
            assert_ne!(a, b);
            assert!(a
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        }
        assert_eq!(refresh_token(None).unwrap().len(), 46);
    }

    #[test]
    fn the_secret_is_random_and_never_printed() {
        let (a, b) = (
            SigningSecret::random().unwrap(),
            SigningSecret::random().unwrap(),
        );
        assert_ne!(a.bytes(), b.bytes());
        assert_eq!(a.bytes().len(), 32);
        assert_eq!(format!("{a:?}"), "SigningSecret(hidden)");
    }
}
