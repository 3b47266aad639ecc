//! scaffold (placeholder)
