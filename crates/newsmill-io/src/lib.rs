//! newsmill io (in progress).
