//! The offer pages seen from HTTP.
