//! newsmill engine (in progress).
