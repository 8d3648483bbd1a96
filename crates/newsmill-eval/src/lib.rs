//! newsmill eval (in progress).
