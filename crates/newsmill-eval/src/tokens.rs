//! Token agreement (in progress).
