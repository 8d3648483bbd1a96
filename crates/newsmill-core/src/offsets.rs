//! Byte offsets to character (Unicode scalar value) offsets.

/// Converts byte offsets of one text into character offsets, in O(1) per
/// call after an O(n/64) set-up; pure ASCII text costs nothing.
///
/// ```
/// use newsmill_core::CharOffsets;
/// let text = "né à Paris";
/// let c = CharOffsets::new(text);
/// assert_eq!(c.char_offset(text.find("Paris").unwrap() as u32), 5);
/// ```
#[derive(Clone, Debug)]
pub struct CharOffsets<'t> {
    bytes: &'t [u8],
    /// Characters before each 64-byte block; empty for ASCII text.
    blocks: Vec<u32>,
}

const BLOCK: usize = 64;

#[inline]
fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl<'t> CharOffsets<'t> {
    /// Prepare the conversion for `text`.
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return CharOffsets {
                bytes,
                blocks: Vec::new(),
            };
        }
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += chunk.iter().filter(|&&b| is_char_start(b)).count() as u32;
        }
        // The total, so that an offset at the end of a whole block works.
        blocks.push(count);
        CharOffsets { bytes, blocks }
    }

    /// The character offset of byte offset `byte` (clamped to the text).
    #[inline]
    pub fn char_offset(&self, byte: u32) -> u32 {
        let byte = (byte as usize).min(self.bytes.len());
        if self.blocks.is_empty() {
            return byte as u32;
        }
        let block = byte / BLOCK;
        let base = self.blocks.get(block).copied().unwrap_or(0);
        let from = block * BLOCK;
        base + self.bytes[from..byte]
            .iter()
            .filter(|&&b| is_char_start(b))
            .count() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_char_indices_on_mixed_text() {
        let text = "Durov’s “too free” style — 1 billion users in Россия and 中国, ok. ".repeat(5);
        let c = CharOffsets::new(&text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(c.char_offset(bi as u32), ci as u32);
        }
        assert_eq!(
            c.char_offset(text.len() as u32),
            text.chars().count() as u32
        );
    }
}
