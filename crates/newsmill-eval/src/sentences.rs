//! Sentence-boundary agreement (in progress).
